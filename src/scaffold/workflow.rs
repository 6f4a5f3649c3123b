//! The GitHub Pages workflow `init` writes: GitHub's own Pages flow around one step that
//! builds the site with the Broadsheet that ran `init`. A released binary knows where it
//! was released from (the release workflow sets `BROADSHEET_REPOSITORY` and
//! `BROADSHEET_COMMIT` when it builds), so its workflow uses this project's action pinned
//! to that commit; any other build installs the same version from crates.io.

const PAGES_YML: &str = include_str!("pages.yml");

/// Where a release of Broadsheet was built: what the site's workflow points its action at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Release<'a> {
    /// The repository on GitHub, `owner/name`.
    pub repository: &'a str,
    /// The full commit hash the release was built from.
    pub commit: &'a str,
}

impl Release<'static> {
    /// The release this binary was built for, if the release workflow said so.
    pub(crate) fn of_this_build() -> Option<Release<'static>> {
        let given = |value: Option<&'static str>| value.filter(|v| !v.trim().is_empty());
        Some(Release {
            repository: given(option_env!("BROADSHEET_REPOSITORY"))?,
            commit: given(option_env!("BROADSHEET_COMMIT"))?,
        })
    }
}

/// The Pages workflow for Broadsheet `version` of crate `krate`: through the action of
/// `release` when there is one, else with `cargo install --locked` of that version.
pub(crate) fn pages(krate: &str, version: &str, release: Option<Release>) -> String {
    let (env, build) = match release {
        Some(release) => (String::new(), with_action(version, release)),
        None => (cargo_env(version), with_cargo(krate)),
    };
    PAGES_YML.replace("__ENV__", &env).replace("__BUILD__", build.trim_end_matches('\n'))
}

fn with_action(version: &str, release: Release) -> String {
    let Release { repository, commit } = release;
    format!(
        r#"      # Broadsheet {version}: the action downloads its release binary (checksum checked)
      # and builds the site. Upgrade by pointing it at a later release's commit. Feeds
      # in site.toml's [[import]]: run `broadsheet import` and commit seeds/ (Broadsheet's
      # documentation: "Importing feeds").
      - name: Build with Broadsheet
        uses: {repository}@{commit} # v{version}
        with:
          base-url: ${{{{ steps.pages.outputs.base_url }}}}
          output-dir: public
"#
    )
}

fn cargo_env(version: &str) -> String {
    format!(
        r#"
env:
  # The Broadsheet release this site is built with. Change it to upgrade.
  BROADSHEET_VERSION: "{version}"
"#
    )
}

fn with_cargo(krate: &str) -> String {
    format!(
        r#"      - name: Cache Broadsheet
        id: cache-broadsheet
        uses: actions/cache@caa296126883cff596d87d8935842f9db880ef25 # v5.1.0
        with:
          path: ~/.cargo/bin/broadsheet
          key: broadsheet-${{{{ runner.os }}}}-${{{{ runner.arch }}}}-${{{{ env.BROADSHEET_VERSION }}}}
      - name: Install Broadsheet
        if: steps.cache-broadsheet.outputs.cache-hit != 'true'
        run: cargo install --locked {krate} --version "$BROADSHEET_VERSION"
      # Take in site.toml's [[import]] feeds first (documentation: "Importing feeds"); remove
      # the `#`s to turn it on. The seeds are built, not committed: to keep an item
      # after it leaves its feed, run the import yourself and commit seeds/.
      # - name: Import feeds
      #   run: broadsheet import
      - name: Build
        env:
          BASE_URL: ${{{{ steps.pages.outputs.base_url }}}}
        run: broadsheet build --output-dir public --base-url "$BASE_URL/"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: Release = Release {
        repository: "harbor/broadsheet",
        commit: "0123456789abcdef0123456789abcdef01234567",
    };

    fn yaml(text: &str) -> serde_json::Value {
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn build_steps(doc: &serde_json::Value) -> Vec<serde_json::Value> {
        doc["jobs"]["build"]["steps"].as_array().unwrap().clone()
    }

    #[test]
    fn a_release_build_uses_the_action_at_its_commit() {
        let text = pages("broadsheet-ssg", "1.2.3", Some(RELEASE));
        let doc = yaml(&text);
        let steps = build_steps(&doc);
        let step = steps.iter().find(|s| s["name"] == "Build with Broadsheet").unwrap();
        assert_eq!(step["uses"], format!("harbor/broadsheet@{}", RELEASE.commit));
        assert_eq!(step["with"]["base-url"], "${{ steps.pages.outputs.base_url }}");
        assert_eq!(step["with"]["output-dir"], "public");
        assert!(text.contains(&format!("@{} # v1.2.3\n", RELEASE.commit)), "{text}");
        assert!(doc.get("env").is_none(), "{text}");
        assert!(!text.contains("cargo install"), "{text}");
    }

    #[test]
    fn any_other_build_installs_the_same_version_from_crates_io() {
        let text = pages("broadsheet-ssg", "1.2.3", None);
        let doc = yaml(&text);
        assert_eq!(doc["env"]["BROADSHEET_VERSION"], "1.2.3");
        let runs: Vec<String> =
            build_steps(&doc).iter().filter_map(|s| s["run"].as_str().map(String::from)).collect();
        assert_eq!(
            runs,
            [
                "cargo install --locked broadsheet-ssg --version \"$BROADSHEET_VERSION\"",
                "broadsheet build --output-dir public --base-url \"$BASE_URL/\"",
            ]
        );
    }

    #[test]
    fn both_builds_restore_the_work_folder_before_building() {
        for release in [Some(RELEASE), None] {
            let steps = build_steps(&yaml(&pages("broadsheet-ssg", "1.2.3", release)));
            let cache = steps.iter().position(|s| s["with"]["path"] == ".broadsheet").unwrap();
            assert!(steps[cache]["uses"].as_str().unwrap().starts_with("actions/cache@"));
            assert_eq!(steps[cache]["with"]["restore-keys"], "broadsheet-work-");
            let build = steps
                .iter()
                .position(|s| s["run"].as_str().is_some_and(|r| r.starts_with("broadsheet build")))
                .or_else(|| steps.iter().position(|s| s["name"] == "Build with Broadsheet"))
                .unwrap();
            assert!(cache < build, "{release:?}");
        }
    }

    #[test]
    fn the_linted_copy_of_the_action_workflow_is_current() {
        // CI lints this copy with actionlint and zizmor (a test build has no release).
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/workflows/pages-with-action.yml");
        let copy = String::from_utf8(crate::fs::read(std::path::Path::new(path)).unwrap()).unwrap();
        assert_eq!(
            pages("broadsheet-ssg", "1.2.3", Some(RELEASE)),
            copy,
            "update tests/fixtures/workflows/pages-with-action.yml"
        );
    }
}
