package deploy

import (
	"context"
	"sync"
)

// remoteObject is an object of the bucket as the listing gives it.
type remoteObject struct {
	key  string
	etag string // without quotes
	size int64
}

// plan is what a deploy uploads and deletes.
type plan struct {
	assets, pages []*file // to upload: everything but the pages first, then the pages
	gone          []remoteObject
	unchanged     Count
}

// makePlan compares the site with the bucket. A file whose object is missing is new; one
// whose object's ETag is a different MD5 has changed; for the others the object's digest
// metadata is read (HEAD, n at a time) to tell whether the content or its headers changed.
func makePlan(ctx context.Context, s *store, files []*file, remote map[string]remoteObject, n int) (plan, error) {
	var p plan
	local := map[string]bool{}
	var check []*file
	for _, f := range files {
		key := s.target.key(f.rel)
		local[key] = true
		obj, ok := remote[key]
		switch {
		case !ok:
			f.reason = "new"
		case isMD5(obj.etag) && obj.etag != f.md5:
			f.reason = "changed"
		default:
			check = append(check, f)
		}
	}
	var mu sync.Mutex
	err := forEach(ctx, n, check, func(ctx context.Context, f *file) error {
		digest, err := s.digest(ctx, f.rel)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if digest != f.digest {
			// Same MD5, other digest: the rules changed, or something else wrote it.
			f.reason = "changed"
			if isMD5(remote[s.target.key(f.rel)].etag) {
				f.reason = "headers changed"
			}
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	for _, f := range files {
		switch {
		case f.reason == "":
			p.unchanged.add(f.size)
		case f.page:
			p.pages = append(p.pages, f)
		default:
			p.assets = append(p.assets, f)
		}
	}
	for _, key := range sortedRemote(remote) {
		if !local[key] {
			p.gone = append(p.gone, remote[key])
		}
	}
	return p, nil
}

// isMD5 says whether an ETag is a plain MD5 (32 hex digits): a multipart or encrypted
// upload's is not, and says nothing about the content.
func isMD5(etag string) bool {
	if len(etag) != 32 {
		return false
	}
	for _, c := range etag {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func sortedRemote(m map[string]remoteObject) []string {
	keys := make(map[string]bool, len(m))
	for k := range m {
		keys[k] = true
	}
	return sortedKeys(keys)
}
