#!/bin/bash
# One-shot development PKI for the compose network (NOT for production: production nodes use PKIoverheid
# certificates and the participant list published by governance).
#
# 1. Ensures, with dev-pki's command line (nl.bronsein.devpki.DevPkiMain), a development CA and a certificate + key per
#    node in $PKI_DIR. Each node certificate gets its node's host name (from its node URL) as DNS SAN, besides
#    localhost and 127.0.0.1. Existing files are reused (dev-pki checks they were issued by ca.crt for the same
#    serialNumber), so the certificates survive `docker compose down` / `up` as long as the volume does.
# 2. Writes $PKI_DIR/participants.json naming the three participants with their node URLs and the SHA-256
#    fingerprints dev-pki printed for the certificates, rewritten on every run.
#
# Environment (defaults: the compose service names and the nodes' default network ports):
#   PKI_DIR              /etc/bronsein/pki
#   GP_NODE_URL          https://gp:8443
#   MUNICIPALITY_NODE_URL https://municipality:9443
#   PROVIDER_NODE_URL    https://provider:7443
#   DEV_PKI_JAR          /opt/bronsein/local-network.jar (any Spring Boot jar that carries dev-pki and Bouncy Castle)
set -euo pipefail

PKI_DIR="${PKI_DIR:-/etc/bronsein/pki}"
DEV_PKI_JAR="${DEV_PKI_JAR:-/opt/bronsein/local-network.jar}"

# stem | participant id | role | organisation | subject serialNumber (KvK number or OIN) | node URL
PARTICIPANTS=(
    "gp|urn:nld:kvk:12345678|GP_PRACTICE|Huisartsenpraktijk De Linde|12345678|${GP_NODE_URL:-https://gp:8443}"
    "municipality|urn:nld:oin:00000001001234567000|MUNICIPALITY|Gemeente Zwolle|00000001001234567000|${MUNICIPALITY_NODE_URL:-https://municipality:9443}"
    "provider|urn:nld:kvk:87654321|PROVIDER|Zorg en Welzijn IJsselland|87654321|${PROVIDER_NODE_URL:-https://provider:7443}"
)

fail() {
    echo "generate-dev-pki: $*" >&2
    exit 1
}

# dev-pki's main class from inside the Spring Boot jar: PropertiesLauncher puts BOOT-INF/lib on the class path.
dev_pki() {
    java -XX:TieredStopAtLevel=1 -Dloader.main=nl.bronsein.devpki.DevPkiMain -cp "$DEV_PKI_JAR" \
        org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}

# https://host:port/... -> host
host_of() {
    local rest="${1#*://}"
    rest="${rest%%/*}"
    echo "${rest%:*}"
}

[[ -r "$DEV_PKI_JAR" ]] || fail "cannot read $DEV_PKI_JAR"
mkdir -p "$PKI_DIR"

entries=()
for line in "${PARTICIPANTS[@]}"; do
    IFS='|' read -r stem id role organisation serial url <<<"$line"
    [[ "$url" =~ ^https://[A-Za-z0-9.-]+(:[0-9]+)?/?$ ]] || fail "node URL of $stem must look like https://host:port, got: $url"
    host="$(host_of "$url")"
    # prints: <stem> <serialNumber> <sha256 fingerprint> issued|existing
    out="$(dev_pki --out "$PKI_DIR" --participant "$organisation:$serial:$stem" --dns "$host")" \
        || fail "dev-pki failed for $stem"
    read -r printed_stem printed_serial fingerprint state <<<"$out"
    [[ "$printed_stem" == "$stem" && "$printed_serial" == "$serial" && "$fingerprint" =~ ^[0-9a-f]{64}$ ]] \
        || fail "unexpected dev-pki output for $stem: $out"
    echo "generate-dev-pki: $stem ($id) certificate $state, sha256 $fingerprint, node URL $url"
    entries+=("$(printf '    {"id": "%s", "role": "%s", "name": "%s",\n     "nodeUrl": "%s", "certificateSha256": "%s"}' \
        "$id" "$role" "$organisation" "${url%/}" "$fingerprint")")
done

list="$PKI_DIR/participants.json"
tmp="$(mktemp "$PKI_DIR/.participants.json.XXXXXX")"
{
    echo '{"participants": ['
    for i in "${!entries[@]}"; do
        if (( i + 1 < ${#entries[@]} )); then echo "${entries[$i]},"; else echo "${entries[$i]}"; fi
    done
    echo ']}'
} >"$tmp"
chmod 0644 "$tmp"
mv -f "$tmp" "$list"
echo "generate-dev-pki: wrote $list"

# The development identity provider of the staff APIs: its public key for the nodes, and a token per node (30 days)
# for trying the staff APIs (curl -H "Authorization: Bearer $(cat .../gp.token)"). A real deployment uses the
# organisation's identity provider instead (bronsein.staff.jwk-set-uri).
java -XX:TieredStopAtLevel=1 -Dloader.main=nl.bronsein.devpki.DevStaffIssuer -cp "$DEV_PKI_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    "$PKI_DIR/staff-issuer.pub" "$PKI_DIR/staff-issuer.key" \
    urn:nld:kvk:12345678 "$PKI_DIR/gp.token" GP,PRACTICE_ASSISTANT,NODE_ADMIN \
    urn:nld:oin:00000001001234567000 "$PKI_DIR/municipality.token" INTAKE_OFFICER,WIJKTEAM_MEMBER,NODE_ADMIN \
    urn:nld:kvk:87654321 "$PKI_DIR/provider.token" PROVIDER_PLANNER,NODE_ADMIN \
    || fail "could not create the development staff issuer"
