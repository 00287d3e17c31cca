package deploy

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Credentials are the access key a deploy writes with. They come from the environment
// only (CredentialsFromEnv), never from site.toml, and print as a placeholder.
type Credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// The environment variables the credentials are read from: the names every S3 tool uses.
const (
	EnvAccessKeyID     = "AWS_ACCESS_KEY_ID"
	EnvSecretAccessKey = "AWS_SECRET_ACCESS_KEY"
	EnvSessionToken    = "AWS_SESSION_TOKEN"
)

// CredentialsFromEnv reads the access key from the environment (getenv is os.Getenv);
// the error names the variables that are missing, never a value.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	c := Credentials{getenv(EnvAccessKeyID), getenv(EnvSecretAccessKey), getenv(EnvSessionToken)}
	var missing []string
	if c.AccessKeyID == "" {
		missing = append(missing, EnvAccessKeyID)
	}
	if c.SecretAccessKey == "" {
		missing = append(missing, EnvSecretAccessKey)
	}
	if len(missing) > 0 {
		return Credentials{}, fmt.Errorf("no access key: set %s in the environment (the bucket's access key; never in site.toml)", strings.Join(missing, " and "))
	}
	return c, nil
}

// String hides the key, so that no %v of the credentials or of a struct holding them
// ever prints it.
func (c Credentials) String() string { return "(credentials from the environment)" }

// GoString hides the key from %#v too.
func (c Credentials) GoString() string { return c.String() }

// The most keys a listing returns and a batch delete takes: the API's limits (the tests
// make them small to go through several pages and batches).
var (
	listPage    int32 = 1000
	deleteBatch       = 1000
)

// store is the bucket, through AWS's S3 client.
type store struct {
	target Target
	client *s3.Client
}

func newStore(t Target, c Credentials) (*store, error) {
	if c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return nil, errors.New("no access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment")
	}
	opts := s3.Options{
		Region: t.Region,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Source: "environment"}, nil
		}),
		// Checksums beyond Content-MD5 only where the API requires them: S3-compatible
		// stores do not all accept the newer ones.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}
	if t.Endpoint != "" {
		u, err := url.Parse(t.Endpoint)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("endpoint %q: not an http or https address", t.Endpoint)
		}
		if u.User != nil {
			return nil, errors.New("endpoint: an address with a user or password in it is refused; the access key comes only from the environment")
		}
		opts.BaseEndpoint = aws.String(t.Endpoint)
		opts.UsePathStyle = true
	}
	return &store{target: t, client: s3.New(opts)}, nil
}

// list returns the objects under the prefix, by key.
func (s *store) list(ctx context.Context) (map[string]remoteObject, error) {
	objects := map[string]remoteObject{}
	pages := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket:  aws.String(s.target.Bucket),
		Prefix:  aws.String(s.target.Prefix),
		MaxKeys: aws.Int32(listPage),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", s.target, err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			objects[key] = remoteObject{key: key, etag: strings.ToLower(strings.Trim(aws.ToString(o.ETag), `"`)), size: aws.ToInt64(o.Size)}
		}
	}
	return objects, nil
}

// digest returns the digest metadata of the object of rel ("" when it has none).
func (s *store) digest(ctx context.Context, rel string) (string, error) {
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: aws.String(s.target.Bucket),
		Key:    aws.String(s.target.key(rel)),
	})
	if err != nil {
		return "", fmt.Errorf("reading the metadata of %s: %w", s.target.key(rel), err)
	}
	return out.Metadata[digestMeta], nil
}

// put uploads f with its headers and digest; the store checks the content against its MD5.
func (s *store) put(ctx context.Context, f *file) error {
	body, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer body.Close()
	sum, err := hex.DecodeString(f.md5)
	if err != nil {
		return err
	}
	in := &s3.PutObjectInput{
		Bucket:        aws.String(s.target.Bucket),
		Key:           aws.String(s.target.key(f.rel)),
		Body:          body,
		ContentLength: aws.Int64(f.size),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum)),
		ContentType:   aws.String(f.meta.ContentType),
		Metadata:      map[string]string{digestMeta: f.digest},
	}
	set := func(dst **string, v string) {
		if v != "" {
			*dst = aws.String(v)
		}
	}
	set(&in.CacheControl, f.meta.CacheControl)
	set(&in.ContentEncoding, f.meta.ContentEncoding)
	set(&in.ContentLanguage, f.meta.ContentLanguage)
	set(&in.ContentDisposition, f.meta.ContentDisposition)
	_, err = s.client.PutObject(ctx, in)
	return err
}

// delete removes the objects, deleteBatch a request, calling done for each one deleted.
func (s *store) delete(ctx context.Context, gone []remoteObject, done func(remoteObject)) error {
	for len(gone) > 0 {
		n := min(len(gone), deleteBatch)
		batch := make([]types.ObjectIdentifier, n)
		for i, g := range gone[:n] {
			batch[i] = types.ObjectIdentifier{Key: aws.String(g.key)}
		}
		out, err := s.client.DeleteObjects(ctx, &s3.DeleteObjectsInput{
			Bucket: aws.String(s.target.Bucket),
			Delete: &types.Delete{Objects: batch, Quiet: aws.Bool(true)},
		})
		if err != nil {
			return fmt.Errorf("deleting %s from %s: %w", objects(n), s.target, err)
		}
		if len(out.Errors) > 0 {
			var msgs []string
			for _, e := range out.Errors {
				msgs = append(msgs, fmt.Sprintf("%s: %s %s", aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message)))
			}
			return fmt.Errorf("deleting from %s:\n  %s", s.target, strings.Join(msgs, "\n  "))
		}
		for _, g := range gone[:n] {
			done(g)
		}
		gone = gone[n:]
	}
	return nil
}

func objects(n int) string {
	if n == 1 {
		return "1 object"
	}
	return fmt.Sprintf("%d objects", n)
}
