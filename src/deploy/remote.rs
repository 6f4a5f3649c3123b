//! The bucket, through `object_store`'s S3 client (signing, retries with backoff on 5xx
//! and throttling, multipart uploads): list the prefix, read and write the manifest
//! object, put and delete objects. Every failure becomes one `Error::Store` that says
//! what to check. Nothing outside the prefix is ever named.

use super::credentials::Credentials;
use super::local::LocalFile;
use super::plan::{BucketManifest, Listed};
use super::target::{MANIFEST, Settings, Target};
use crate::error::{Error, Result};
use futures::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};
use std::collections::BTreeMap;

/// Files above this size go up in parts.
const MULTIPART: u64 = 64 * 1024 * 1024;

/// A connection to the target bucket.
pub(crate) struct Remote {
    store: AmazonS3,
    target: Target,
    from: String,
}

impl Remote {
    /// A client for `settings`' bucket signing with `credentials` (no request is made yet).
    pub(crate) fn connect(settings: &Settings, credentials: &Credentials) -> Result<Remote> {
        let retry = object_store::RetryConfig {
            max_retries: 5,
            retry_timeout: std::time::Duration::from_secs(60),
            ..Default::default()
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.target.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&credentials.key_id)
            .with_secret_access_key(&credentials.secret)
            .with_retry(retry);
        if let Some(token) = &credentials.token {
            builder = builder.with_token(token);
        }
        if let Some(endpoint) = &settings.endpoint {
            builder =
                builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        let target = settings.target.clone();
        let store = builder
            .build()
            .map_err(|e| Error::Store { target: target.shown(), message: e.to_string() })?;
        Ok(Remote { store, target, from: credentials.from.clone() })
    }

    /// The objects under the prefix by output path, the manifest object left out.
    pub(crate) async fn list(&self) -> Result<BTreeMap<String, Listed>> {
        let prefix =
            (!self.target.prefix.is_empty()).then(|| Key::from(self.target.prefix.as_str()));
        let metas: Vec<_> =
            self.store.list(prefix.as_ref()).try_collect().await.map_err(|e| self.error(e))?;
        let mut listed = BTreeMap::new();
        for meta in metas {
            let Some(path) = self.target.path_of(meta.location.as_ref()) else { continue };
            if path == MANIFEST {
                continue;
            }
            let etag = meta.e_tag.map(|e| e.trim_matches('"').to_string());
            listed.insert(path.to_string(), Listed { size: meta.size, etag });
        }
        Ok(listed)
    }

    /// The last deploy's manifest object; empty when there is none or it is unreadable.
    pub(crate) async fn last(&self) -> Result<BucketManifest> {
        match self.store.get(&self.key(MANIFEST)).await {
            Ok(got) => {
                let bytes = got.bytes().await.map_err(|e| self.error(e))?;
                let last: BucketManifest = serde_json::from_slice(&bytes).unwrap_or_default();
                Ok(if last.format == super::plan::FORMAT {
                    last
                } else {
                    BucketManifest::default()
                })
            }
            Err(object_store::Error::NotFound { .. }) => Ok(BucketManifest::default()),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Writes the manifest object (last, after every file it lists).
    pub(crate) async fn save(&self, deployed: &BucketManifest) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(deployed).expect("a manifest always serialises");
        let options = attributes("application/json", "no-store");
        self.store
            .put_opts(&self.key(MANIFEST), PutPayload::from(bytes), options.into())
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Uploads one file with its headers.
    pub(crate) async fn put(&self, file: &LocalFile) -> Result<()> {
        let bytes = crate::fs::read(&file.file)?;
        let key = self.key(&file.path);
        let attributes = attributes(&file.headers.content_type, &file.headers.cache_control);
        if file.size > MULTIPART {
            let options = object_store::PutMultipartOptions { attributes, ..Default::default() };
            let upload =
                self.store.put_multipart_opts(&key, options).await.map_err(|e| self.error(e))?;
            let mut writer = object_store::WriteMultipart::new(upload);
            writer.write(&bytes);
            writer.finish().await.map_err(|e| self.error(e))?;
        } else {
            let options = PutOptions { attributes, ..Default::default() };
            self.store
                .put_opts(&key, PutPayload::from(bytes), options)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// Deletes the object of the output path `path`.
    pub(crate) async fn delete(&self, path: &str) -> Result<()> {
        self.store.delete(&self.key(path)).await.map_err(|e| self.error(e))
    }

    fn key(&self, path: &str) -> Key {
        Key::from(self.target.key(path))
    }

    /// One error naming the target and what to check.
    fn error(&self, e: object_store::Error) -> Error {
        let text = e.to_string();
        let bucket = &self.target.bucket;
        let message = if text.contains("NoSuchBucket") || text.contains("bucket does not exist") {
            format!("the bucket `{bucket}` does not exist (check the target and --endpoint)")
        } else if text.contains("InvalidAccessKeyId")
            || text.contains("SignatureDoesNotMatch")
            || matches!(
                e,
                object_store::Error::Unauthenticated { .. }
                    | object_store::Error::PermissionDenied { .. }
            )
        {
            format!("the store refused the credentials from {} ({})", self.from, reason(&text))
        } else if text.contains("error sending request") {
            format!("cannot reach the store: check --endpoint and the network ({})", reason(&text))
        } else {
            reason(&text)
        };
        Error::Store { target: self.target.shown(), message }
    }
}

/// `Content-Type` and `Cache-Control` as object attributes.
fn attributes(content_type: &str, cache_control: &str) -> Attributes {
    let mut attributes = Attributes::new();
    attributes.insert(Attribute::ContentType, content_type.to_string().into());
    attributes.insert(Attribute::CacheControl, cache_control.to_string().into());
    attributes
}

/// What the store said: its S3 error code and message when the answer holds them
/// (`InvalidAccessKeyId: The AWS Access Key Id…`), else the client's first line.
fn reason(text: &str) -> String {
    let tag = |name: &str| {
        let start = text.find(&format!("<{name}>"))? + name.len() + 2;
        let end = text[start..].find(&format!("</{name}>"))?;
        Some(text[start..start + end].trim().to_string())
    };
    let said = match (tag("Code"), tag("Message")) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code,
        _ => text.lines().next().unwrap_or(text).to_string(),
    };
    said.chars().take(400).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reason_is_the_stores_code_and_message() {
        let text = "Generic S3 error: Server returned non-2xx status code: 403 Forbidden: <?xml?>\n\
                    <Error><Code>InvalidAccessKeyId</Code><Message>No such key.</Message></Error>";
        assert_eq!(super::reason(text), "InvalidAccessKeyId: No such key.");
        assert_eq!(super::reason("connection refused\nmore"), "connection refused");
    }
}
