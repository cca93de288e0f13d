#!/usr/bin/env bash
# Installs what the editor tests (tools/e2e.mjs) need on a fresh Debian 12 machine: Debian
# packages (Chromium, Neovim, ripgrep, Kerberos headers) and code-server, cached outside the
# repository. Idempotent: each step checks first and is skipped when already done, so a cached run
# takes about a second. See ../shared/e2e/RECIPE.md for why each step is needed.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE_DIR=${GRAPH_FIXTURES_CODE_SERVER_DIR:-/var/cache/graph-fixtures/code-server}
PACKAGES=(libkrb5-dev pkg-config ripgrep chromium neovim)

say() { printf 'e2e-setup: %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

is_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_packages() {
	local missing=()
	for name in "${PACKAGES[@]}"; do
		is_installed "$name" || missing+=("$name")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		say "Debian packages present: ${PACKAGES[*]}"
		return
	fi
	say "installing Debian packages: ${missing[*]}"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# @vscode/ripgrep downloads its binary from GitHub at install time, which these machines cannot
# reach; its installer takes an archive from this cache folder first, so we offer Debian's rg.
provide_ripgrep_archive() {
	local tmp cache archive staging
	tmp=$(node -p "require('os').tmpdir()")
	cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
	archive="$cache/$RIPGREP_ARCHIVE"
	if [ -s "$archive" ]; then
		say "ripgrep archive present: $archive"
		return
	fi
	say "making ripgrep archive from /usr/bin/rg: $archive"
	mkdir -p "$cache"
	staging=$(mktemp -d)
	cp /usr/bin/rg "$staging/rg"
	tar -czf "$archive.partial" -C "$staging" rg
	mv "$archive.partial" "$archive"
	rm -rf "$staging"
}

# --version answers even when code-server's post-install step (VS Code's own dependencies, the
# ripgrep binary) never ran, so its results are checked too.
code_server_answers() {
	local vscode="$CACHE_DIR/node_modules/code-server/lib/vscode"
	"$CACHE_DIR/node_modules/.bin/code-server" --version >/dev/null 2>&1 &&
		[ -e "$vscode/node_modules.asar" ] &&
		[ -x "$vscode/node_modules/@vscode/ripgrep/bin/rg" ]
}

install_code_server() {
	if code_server_answers; then
		say "code-server present: $("$CACHE_DIR/node_modules/.bin/code-server" --version | head -n 1)"
		return
	fi
	provide_ripgrep_archive
	if [ -d "$CACHE_DIR/node_modules" ]; then
		# npm would keep an incomplete install as it is, without running its post-install again.
		say "removing the incomplete install in $CACHE_DIR"
		rm -rf "$CACHE_DIR/node_modules" "$CACHE_DIR/package-lock.json"
	fi
	say "installing code-server@$CODE_SERVER_VERSION into $CACHE_DIR (a few minutes)"
	mkdir -p "$CACHE_DIR"
	# npm_config_yes lets a nested `npx node-gyp` proceed; unsafe_perm lets the post-install
	# step run as root.
	npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
		npm install --prefix "$CACHE_DIR" "code-server@$CODE_SERVER_VERSION"
	if ! code_server_answers; then
		say "code-server is incomplete after install (did its post-install step run?)"
		exit 1
	fi
	say "code-server installed: $("$CACHE_DIR/node_modules/.bin/code-server" --version | head -n 1)"
}

install_packages
install_code_server
say "ready"
