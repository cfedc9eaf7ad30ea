package report_test

import (
	"os"
	"testing"
)

func TestZZShot(t *testing.T) {
	url := os.Getenv("SHOT_URL")
	if url == "" {
		return
	}
	libraryScreenshots(t, chromium(t), url, os.Getenv("SHOT_DIR"))
}
