#!/usr/bin/env bash
# Builds Frontdesk's image with podman, runs it on a fresh volume and a free port, and checks what an
# operator would: /healthz and /readyz answer, the image's HEALTHCHECK passes, the guest page of the
# demo hotel comes back as the web app's HTML with its script, the organization's public API
# answers, the process is not root, and the data went into the volume. Cleans up; exits non-zero on
# any failure.
#   bash deploy/check-image.sh            (BASE_IMAGE=node:20-bookworm-slim to use the public base)
# Without BASE_IMAGE it uses node:20-bookworm-slim if present, else localhost/frontdesk-base:node20,
# built by deploy/build-local-base.sh when missing (this machine cannot pull images).
set -euo pipefail
cd "$(dirname "$0")/.."

# What podman needs in this sandbox (harmless elsewhere):
# - runc: crun refuses the host's hybrid cgroup v1/v2 layout ("cgroups in hybrid mode not supported").
# - explicit, lower ulimits: podman asks for a raised RLIMIT_NOFILE/NPROC, which needs CAP_SYS_RESOURCE
#   that this sandbox lacks ("setrlimit RLIMIT_NPROC: Operation not permitted").
# - HEALTHCHECK is run by hand (`podman healthcheck run`): podman schedules it with systemd timers,
#   and there is no systemd here (its "unable to get systemd connection" errors are filtered out).
# - --format docker on build: an OCI image would drop the HEALTHCHECK.
PODMAN=(podman --runtime "${PODMAN_RUNTIME:-runc}")
LIMITS=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
TAG="${IMAGE_TAG:-localhost/frontdesk:check}"
NAME="frontdesk-check-$$"
VOLUME="frontdesk-check-data-$$"

if [[ -z "${BASE_IMAGE:-}" ]]; then
  if podman image exists node:20-bookworm-slim; then BASE_IMAGE=node:20-bookworm-slim
  else
    BASE_IMAGE=localhost/frontdesk-base:node20
    podman image exists "$BASE_IMAGE" || bash deploy/build-local-base.sh
  fi
fi

failures=0
no_systemd_noise() { grep -v 'unable to get systemd connection' >&2 || true; }
pass() { echo "  ok    $1"; }
fail() { echo "  FAIL  $1"; failures=$((failures + 1)); }
cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== build $TAG from $BASE_IMAGE"
start=$(date +%s)
"${PODMAN[@]}" build --format docker "${LIMITS[@]}" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  -f deploy/Containerfile -t "$TAG" . >/tmp/frontdesk-check-image-build.log 2>&1 ||
  { tail -30 /tmp/frontdesk-check-image-build.log; echo "build failed (log: /tmp/frontdesk-check-image-build.log)"; exit 1; }
echo "  built in $(($(date +%s) - start)) s, $(podman image inspect "$TAG" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')"

PORT=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
echo "== run on $URL with the fresh volume $VOLUME"
podman volume create "$VOLUME" >/dev/null
"${PODMAN[@]}" run -d --name "$NAME" "${LIMITS[@]}" -p "127.0.0.1:$PORT:3000" -v "$VOLUME:/data" "$TAG" \
  >/dev/null 2> >(no_systemd_noise)

start=$(date +%s)
until curl -fsS -m 2 "$URL/healthz" >/dev/null 2>&1; do
  if [[ "$(podman inspect "$NAME" --format '{{.State.Running}}')" != true ]] || (($(date +%s) - start > 180)); then
    podman logs "$NAME" 2>&1 | tail -30
    echo "FAIL: /healthz did not answer within 180 s"; exit 1
  fi
  sleep 1
done
pass "/healthz answered after $(($(date +%s) - start)) s: $(curl -fsS "$URL/healthz")"
ready=$(curl -sS -m 5 "$URL/readyz") && [[ "$ready" == *'"ok"'* ]] && pass "/readyz: $ready" || fail "/readyz: $ready"
"${PODMAN[@]}" healthcheck run "$NAME" >/dev/null 2>&1 && pass "HEALTHCHECK: $(podman inspect "$NAME" --format '{{.State.Health.Status}}')" || fail "HEALTHCHECK did not pass"

page=$(curl -fsS -m 5 "$URL/g/hotel-aurora?room=101" || true)
if [[ "$page" == *'<!doctype html>'* && "$page" =~ src=\"(/assets/[^\"]+\.js)\" ]]; then
  script="${BASH_REMATCH[1]}"
  pass "guest page /g/hotel-aurora?room=101: HTML ($(printf %s "$page" | wc -c) bytes) loading $script"
  type=$(curl -fsS -m 5 -o /dev/null -w '%{http_code} %{content_type}' "$URL$script" || true)
  [[ "$type" == "200 "*javascript* ]] && pass "its script: $type" || fail "its script: $type"
else
  fail "guest page is not the web app's HTML: $(printf %s "$page" | head -c 200)"
fi
org=$(curl -fsS -m 5 "$URL/api/v1/public/organizations/hotel-aurora" || true)
[[ "$org" == *'Hotel Aurora'* ]] && pass "the demo hotel's public API: $(printf %s "$org" | head -c 80)…" || fail "public API: $org"

uid=$(podman exec "$NAME" id -u)
[[ "$uid" != 0 ]] && pass "runs as $(podman exec "$NAME" id -un) (uid $uid), not root" || fail "runs as root"
podman logs "$NAME" 2>&1 | grep -q '"Frontdesk is up"' && ! podman logs "$NAME" 2>&1 | grep -q 'Building the web app' &&
  pass "started without building the web app" || fail "the start log is not as expected"

echo "== stop (SIGTERM), then back up the volume as README \"Backups and restore\" says"
start=$(date +%s)
podman stop --time 20 "$NAME" >/dev/null 2> >(no_systemd_noise)
code=$(podman inspect "$NAME" --format '{{.State.ExitCode}}')
[[ "$code" == 0 ]] && pass "stopped in $(($(date +%s) - start)) s, exit code 0" || fail "exit code $code after SIGTERM"
data=$("${PODMAN[@]}" run --rm "${LIMITS[@]}" -v "$VOLUME:/data" "$TAG" ls /data 2> >(no_systemd_noise) | tr '\n' ' ')
[[ "$data" == *pglite* ]] && pass "the volume holds: $data" || fail "the volume holds: $data"
BACKUPS=$(mktemp -d /tmp/frontdesk-check-backup.XXXXXX)
chmod 777 "$BACKUPS"
if "${PODMAN[@]}" run --rm "${LIMITS[@]}" -v "$VOLUME:/data" -v "$BACKUPS:/backup" "$TAG" \
  npm run -s backup -- /backup/check >"$BACKUPS.log" 2>&1 && grep -q '"database": "pglite"' "$BACKUPS/check/manifest.json"; then
  pass "npm run backup in the image: $(cd "$BACKUPS/check" && ls | tr '\n' ' ')"
else
  fail "npm run backup in the image: $(grep -v 'systemd connection' "$BACKUPS.log" | tail -5)"
fi
rm -rf "$BACKUPS" "$BACKUPS.log"

if ((failures)); then
  podman logs "$NAME" 2>&1 | tail -20
  echo "== $failures check(s) failed"; exit 1
fi
echo "== all checks passed"
