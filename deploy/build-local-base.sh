#!/usr/bin/env bash
# Builds localhost/frontdesk-base:node20, a stand-in for the public node:20-bookworm-slim, on a machine
# that cannot pull images but can install Debian packages: a minimal Debian bookworm root filesystem
# (debootstrap) plus this machine's own Node.js 20 and npm, imported with `podman import`.
# Then: podman build --build-arg BASE_IMAGE=localhost/frontdesk-base:node20 -f deploy/Containerfile .
# Needs root, debootstrap (apt-get install -y debootstrap podman) and node >= 20.19 on the PATH.
set -euo pipefail

TAG="${BASE_TAG:-localhost/frontdesk-base:node20}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ROOTFS="$(mktemp -d /var/tmp/frontdesk-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT

NODE_BIN="$(readlink -f "$(command -v node)")"
NPM_DIR="$(dirname "$(readlink -f "$(command -v npm)")")/.."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a===20&&b>=19?0:1)' ||
  { echo "need Node.js 20.19+ on the PATH (found $(node -v))" >&2; exit 1; }

echo "debootstrap bookworm (minbase) into $ROOTFS from $MIRROR"
# libstdc++6 and libgcc-s1 are what the node binary links to; ca-certificates for npm over https
debootstrap --variant=minbase --include=ca-certificates,libstdc++6 bookworm "$ROOTFS" "$MIRROR" >/dev/null

echo "adding node $(node -v) and npm $(npm -v) under /usr/local, as the official image has them"
install -D -m 0755 "$NODE_BIN" "$ROOTFS/usr/local/bin/node"
mkdir -p "$ROOTFS/usr/local/lib/node_modules"
cp -a "$(readlink -f "$NPM_DIR")" "$ROOTFS/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
# This machine's own certificate authorities (a TLS-inspecting egress proxy here): without them npm ci
# inside the build cannot reach the registry. Node reads them through NODE_EXTRA_CA_CERTS below.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
  chroot "$ROOTFS" update-ca-certificates >/dev/null
fi
# the official image's unprivileged user
chroot "$ROOTFS" groupadd --gid 1000 node
chroot "$ROOTFS" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*

tar -C "$ROOTFS" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_VERSION='"$(node -p process.versions.node)" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$TAG"
podman --runtime runc run --rm --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 "$TAG" node -e 'console.log("base image ok: node", process.version)'
