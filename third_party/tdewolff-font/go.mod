module github.com/tdewolff/font

go 1.23.0

require (
	github.com/andybalholm/brotli v1.1.1
	golang.org/x/image v0.26.0
	golang.org/x/text v0.24.0
)
