//! The bucket, through `object_store`'s S3 client (signing, retries with backoff on 5xx
//! and throttling, multipart uploads): list the prefix, read and write the manifest
//! object, put and delete objects. Every failure becomes one `Error::Store` that says
//! what to check. Nothing outside the prefix is ever named.
//!
//! object_store cannot send `x-amz-website-redirect-location`, so a redirect page goes
//! up as one request signed by object_store's own SigV4 signer (`AwsAuthorizer`) and
//! sent by object_store's own HTTP client (the same TLS roots as every other upload),
//! retried on 5xx and throttling. A store that does not implement the header (R2
//! answers 501) gets the page without it, as stores that ignore it serve it anyway.

use super::credentials::Credentials;
use super::local::LocalFile;
use super::plan::{BucketManifest, Listed};
use super::target::{MANIFEST, Settings, Target};
use crate::error::{Error, Result};
use futures::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder, AwsAuthorizer, AwsCredential};
use object_store::path::Path as Key;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};
use std::collections::BTreeMap;

/// Files above this size go up in parts.
pub(crate) const MULTIPART: u64 = 64 * 1024 * 1024;

/// Pieces read from a large file and handed to the multipart upload at a time.
const PIECE: usize = 8 * 1024 * 1024;

/// A connection to the target bucket.
pub(crate) struct Remote {
    store: AmazonS3,
    target: Target,
    from: String,
    /// What redirect pages are signed and sent with (see the module's note).
    signed: std::sync::Arc<Signed>,
}

/// The bucket's address and the keys, for the requests object_store cannot make.
struct Signed {
    /// `https://s3.<region>.amazonaws.com/<bucket>` or `<endpoint>/<bucket>` (path style,
    /// as object_store addresses it).
    bucket_url: String,
    region: String,
    credential: AwsCredential,
    client: object_store::client::HttpClient,
    /// Set once the store refused the redirect header: the rest go up without it.
    plain: std::sync::atomic::AtomicBool,
}

/// How a signed request went.
enum Sent {
    Done,
    /// The store does not implement a header it was sent (501, or 400 NotImplemented).
    Unsupported,
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
        let signed = std::sync::Arc::new(Signed::new(settings, credentials)?);
        Ok(Remote { store, target, from: credentials.from.clone(), signed })
    }

    /// The objects under the prefix by output path, the manifest object left out.
    pub(crate) async fn list(&self) -> Result<BTreeMap<String, Listed>> {
        let prefix = (!self.target.prefix.is_empty()).then(|| self.key_of(&self.target.prefix));
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
        let mut options = Attributes::new();
        options.insert(Attribute::ContentType, "application/json".into());
        options.insert(Attribute::CacheControl, "no-store".into());
        self.store
            .put_opts(&self.key(MANIFEST), PutPayload::from(bytes), options.into())
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Uploads one file with its headers.
    pub(crate) async fn put(&self, file: &LocalFile) -> Result<()> {
        if let Some(to) = &file.headers.redirect {
            return self.put_redirect(file, to).await;
        }
        let key = self.key(&file.path);
        let attributes = attributes(&file.headers);
        if file.size > MULTIPART && !file.headers.gzip {
            return self.put_in_parts(file, &key, attributes).await;
        }
        let options = PutOptions { attributes, ..Default::default() };
        let bytes = super::local::body(file)?;
        self.store
            .put_opts(&key, PutPayload::from(bytes), options)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Uploads a large file in parts, read a piece at a time: memory holds the pieces
    /// in flight, not the file.
    async fn put_in_parts(
        &self,
        file: &LocalFile,
        key: &Key,
        attributes: Attributes,
    ) -> Result<()> {
        let options = object_store::PutMultipartOptions { attributes, ..Default::default() };
        let upload =
            self.store.put_multipart_opts(key, options).await.map_err(|e| self.error(e))?;
        let mut writer = object_store::WriteMultipart::new(upload);
        if let Err(e) = self.fill(&mut writer, file).await {
            // Parts left behind would stay stored (and billed) in the bucket.
            let _ = writer.abort().await;
            return Err(e);
        }
        writer.finish().await.map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Hands `file` to `writer` a piece at a time, a few pieces in flight at most.
    async fn fill(
        &self,
        writer: &mut object_store::WriteMultipart,
        file: &LocalFile,
    ) -> Result<()> {
        use std::io::Read;
        let mut reader = crate::fs::open(&file.file)?;
        let mut piece = vec![0; PIECE];
        loop {
            let n = reader.read(&mut piece).map_err(|e| Error::io("read", &file.file, e))?;
            if n == 0 {
                return Ok(());
            }
            writer.wait_for_capacity(4).await.map_err(|e| self.error(e))?;
            writer.write(&piece[..n]);
        }
    }

    /// Uploads a redirect page with `x-amz-website-redirect-location: to` (a path from
    /// the site's root gets the prefix before it).
    async fn put_redirect(&self, file: &LocalFile, to: &str) -> Result<()> {
        use std::sync::atomic::Ordering;
        if self.signed.plain.load(Ordering::Relaxed) {
            return self.put_plain(file).await;
        }
        let location = match to.strip_prefix('/') {
            Some(rooted) => format!("/{}", self.target.key(rooted)),
            None => to.to_string(),
        };
        let url =
            format!("{}/{}", self.signed.bucket_url, encode_key(&self.target.key(&file.path)));
        let mut headers = vec![
            ("content-type", file.headers.content_type.clone()),
            ("cache-control", file.headers.cache_control.clone()),
            ("x-amz-website-redirect-location", location),
        ];
        if file.headers.gzip {
            headers.push(("content-encoding", "gzip".into()));
        }
        let body = super::local::body(file)?;
        match self.signed.put(&url, &headers, body).await {
            Ok(Sent::Done) => Ok(()),
            Ok(Sent::Unsupported) => {
                self.signed.plain.store(true, Ordering::Relaxed);
                self.put_plain(file).await
            }
            Err(message) => Err(Error::Store { target: self.target.shown(), message }),
        }
    }

    /// Uploads a file with its ordinary headers only.
    async fn put_plain(&self, file: &LocalFile) -> Result<()> {
        let options = PutOptions { attributes: attributes(&file.headers), ..Default::default() };
        let bytes = super::local::body(file)?;
        self.store
            .put_opts(&self.key(&file.path), PutPayload::from(bytes), options)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Deletes the object of the output path `path`.
    pub(crate) async fn delete(&self, path: &str) -> Result<()> {
        self.store.delete(&self.key(path)).await.map_err(|e| self.error(e))
    }

    /// The key `key`, as written.
    fn key_of(&self, key: &str) -> Key {
        Key::parse(key).unwrap_or_else(|_| Key::from(key))
    }

    /// The object key of the output path `path`, as written (`Key::from` would
    /// percent-encode `~` and the like, and the listing would not find it again).
    fn key(&self, path: &str) -> Key {
        self.key_of(&self.target.key(path))
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

/// `headers` as object attributes.
fn attributes(headers: &super::headers::Headers) -> Attributes {
    let mut attributes = Attributes::new();
    attributes.insert(Attribute::ContentType, headers.content_type.clone().into());
    attributes.insert(Attribute::CacheControl, headers.cache_control.clone().into());
    if headers.gzip {
        attributes.insert(Attribute::ContentEncoding, "gzip".into());
    }
    attributes
}

/// An object key as it goes in a URL: each segment percent-encoded but for the
/// characters S3 leaves alone.
fn encode_key(key: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    key.split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

impl Signed {
    /// What signs and sends for `settings`' bucket with `credentials`.
    fn new(settings: &Settings, credentials: &Credentials) -> Result<Signed> {
        let target = &settings.target;
        let bucket_url = match &settings.endpoint {
            Some(endpoint) => format!("{}/{}", endpoint.trim_end_matches('/'), target.bucket),
            None => format!("https://s3.{}.amazonaws.com/{}", settings.region, target.bucket),
        };
        let credential = AwsCredential {
            key_id: credentials.key_id.clone(),
            secret_key: credentials.secret.clone(),
            token: credentials.token.clone(),
        };
        let http = settings.endpoint.as_deref().is_some_and(|e| e.starts_with("http://"));
        let options = object_store::ClientOptions::new().with_allow_http(http);
        let client = object_store::client::HttpConnector::connect(
            &object_store::client::ReqwestConnector::default(),
            &options,
        )
        .map_err(|e| Error::Store { target: target.shown(), message: e.to_string() })?;
        Ok(Signed {
            bucket_url,
            region: settings.region.clone(),
            credential,
            client,
            plain: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// One signed PUT of `body` to `url` with `headers`, retried with backoff on 5xx
    /// (but 501) and throttling; the error is the store's reason.
    async fn put(
        &self,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<Sent, String> {
        let mut wait = std::time::Duration::from_millis(100);
        for attempt in 0..6 {
            let answer = self.client.execute(self.signed(url, headers, body.clone())?).await;
            let status = answer.as_ref().map(|r| r.status().as_u16()).unwrap_or(0);
            let again = status == 0 || status == 429 || (status >= 500 && status != 501);
            if again && attempt < 5 {
                tokio::time::sleep(wait).await;
                wait *= 2;
                continue;
            }
            let answer = answer.map_err(|e| e.to_string())?;
            if answer.status().is_success() {
                return Ok(Sent::Done);
            }
            let bytes = answer.into_body().bytes().await.unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            if status == 501 || (status == 400 && text.contains("NotImplemented")) {
                return Ok(Sent::Unsupported);
            }
            return Err(format!("{} ({status})", reason(&text)));
        }
        unreachable!("the last attempt returns")
    }

    /// A PUT of `body` to `url` with `headers`, signed by object_store's signer.
    fn signed(
        &self,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<object_store::client::HttpRequest, String> {
        let mut request = object_store::client::HttpRequest::new(body.into());
        *request.method_mut() = ureq::http::Method::PUT;
        *request.uri_mut() = url.parse().map_err(|e: ureq::http::uri::InvalidUri| e.to_string())?;
        for (name, value) in headers {
            let value = object_store::HeaderValue::from_str(value).map_err(|e| e.to_string())?;
            request.headers_mut().insert(*name, value);
        }
        AwsAuthorizer::new(&self.credential, "s3", &self.region)
            .try_authorize(&mut request, None)
            .map_err(|e| e.to_string())?;
        Ok(request)
    }
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
