# bench/lib.sh: what bench/compare.sh and bench/images.sh share. Sourced by them after
# they define log() and die() and read their options; runs nothing on its own.

# select_tools: the tools to measure, from $TOOLS_ARG (comma-separated; default
# broadsheet,hugo, and zola when $ZOLA is set, written back to TOOLS_ARG). `want TOOL`
# says whether TOOL is one of them.
select_tools() {
    if [[ -z $TOOLS_ARG ]]; then
        TOOLS_ARG="broadsheet,hugo"
        [[ -n ${ZOLA:-} ]] && TOOLS_ARG+=",zola"
    fi
    declare -gA WANT=()
    local t tools
    IFS=, read -r -a tools <<<"$TOOLS_ARG"
    for t in "${tools[@]}"; do
        case $t in
            broadsheet|hugo|zola) WANT[$t]=1 ;;
            *) die "unknown tool '$t' (use broadsheet, hugo, zola)" 2 ;;
        esac
    done
    if want zola && [[ -z ${ZOLA:-} ]]; then die "zola requested but ZOLA=/path/to/zola is not set" 2; fi
}
want() { [[ -n ${WANT[$1]:-} ]]; }

# refuse_quoted_paths PATH...: paths end up inside sh -c '...' strings with double
# quotes around them, so none may hold a quote, $, ` or \.
refuse_quoted_paths() {
    local p
    for p in "$@"; do
        [[ $p != *[\'\"\$\`\\]* ]] || die "path contains a quote, \$, \` or \\: $p" 2
    done
}

# need_tools [COMMAND...]: GNU time (for peak memory), hugo when measured, and each
# COMMAND, installed with apt-get when missing and running as root; then python3 and
# the peers' binaries are checked.
need_tools() {
    local missing=() c time_probe
    for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
    time_probe=$(/usr/bin/time -v true 2>&1 || true)
    [[ $time_probe == *"Maximum resident set size"* ]] || missing+=(time)
    if want hugo && [[ $HUGO == hugo ]] && ! command -v hugo >/dev/null 2>&1; then missing+=(hugo); fi
    if ((${#missing[@]})); then
        [[ $(id -u) == 0 ]] || die "missing ${missing[*]}; install them: apt-get install -y ${missing[*]}" 2
        log "installing ${missing[*]} (apt-get update once, then apt-get install)"
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2
    fi
    command -v python3 >/dev/null 2>&1 || die "python3 is required" 2
    if want hugo; then command -v "$HUGO" >/dev/null 2>&1 || die "hugo not found: $HUGO" 2; fi
    if want zola; then [[ -x $ZOLA ]] || die "ZOLA is not an executable file: $ZOLA" 2; fi
}

# find_broadsheet PEERS_ONLY: sets BIN to $BROADSHEET, or builds the repository once
# with cargo build --release; PEERS_ONLY is the command that measures the peers alone,
# said when the build fails.
find_broadsheet() {
    BIN=""
    want broadsheet || return 0
    if [[ -n ${BROADSHEET:-} ]]; then
        [[ -x $BROADSHEET ]] || die "BROADSHEET is not an executable file: $BROADSHEET" 2
        BIN=$(cd "$(dirname "$BROADSHEET")" && pwd)/$(basename "$BROADSHEET")
        log "using prebuilt Broadsheet: $BIN"
        return 0
    fi
    log "building Broadsheet once: (cd $REPO && cargo build --release)${CARGO_TARGET_DIR:+ with CARGO_TARGET_DIR=$CARGO_TARGET_DIR}"
    if ! (cd "$REPO" && cargo build --release >&2); then
        die "cargo build --release failed: Broadsheet's code does not build yet (errors above).
Nothing was measured. To measure the peers alone: $1" 3
    fi
    local target_dir
    target_dir=$(cd "$REPO" && cargo metadata --format-version 1 --no-deps 2>/dev/null |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])') ||
        target_dir=${CARGO_TARGET_DIR:-$REPO/target}
    BIN=$target_dir/release/broadsheet
    [[ -x $BIN ]] || die "cargo build succeeded but $BIN does not exist" 3
    log "built $BIN"
}

# tree_stats DIR: "files bytes" of DIR (0 0 if absent).
tree_stats() {
    if [[ -d $1 ]]; then
        find "$1" -type f -printf '%s\n' | awk '{n++; s += $1} END {printf "%d %.0f\n", n, s}'
    else
        echo "0 0"
    fi
}

# host_facts: the machine and its load, as tab-separated lines for versions.txt
# ($LOAD_START: the load when the measuring began).
host_facts() {
    printf 'host\t%s\n' "$(uname -srm)"
    printf 'cpus\t%s\n' "$(nproc)"
    printf 'cpu_model\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
    printf 'mem_total\t%s\n' "$(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
    printf 'loadavg_start\t%s\n' "$LOAD_START"
    printf 'loadavg_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
}
