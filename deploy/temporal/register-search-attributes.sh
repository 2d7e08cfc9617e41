#!/bin/sh
# One-shot job for the temporal-admin-tools service: registers Settle's custom search attributes
# (workflows/definitions.ts) in the Temporal namespace. Waits for the server and the namespace
# (auto-setup creates `default` in the background), then creates only the attributes that are missing,
# so re-running it is a no-op. Exits non-zero if the server is not ready within SETTLE_SA_WAIT_SECONDS.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
WAIT_SECONDS="${SETTLE_SA_WAIT_SECONDS:-600}"

# Whitespace-separated name:type pairs, as declared with defineSearchAttributeKey in
# workflows/definitions.ts. docker-compose.yml passes the same list in SETTLE_SEARCH_ATTRIBUTES.
ATTRIBUTES="${SETTLE_SEARCH_ATTRIBUTES:-
SettleInvoiceId:Keyword
SettleDebtorId:Keyword
SettleTenantId:Keyword
SettleStage:Keyword
SettleAmountDueCents:Int
SettleDueDate:Datetime
SettleNextActionAt:Datetime
}"

deadline=$(( $(date +%s) + WAIT_SECONDS ))
wait_for() {
  description="$1"; shift
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "register-search-attributes: gave up waiting for ${description} after ${WAIT_SECONDS}s" >&2
      exit 1
    fi
    echo "register-search-attributes: waiting for ${description}..."
    sleep 2
  done
}

server_serving() { temporal operator cluster health --address "$ADDRESS" | grep -q SERVING; }
# Listing fails until auto-setup has registered the namespace and the namespace cache has it.
namespace_ready() { temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE"; }
is_registered() {
  temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" 2>/dev/null |
    grep -Eq "(^|[^A-Za-z0-9_])$1([^A-Za-z0-9_]|\$)"
}

wait_for "Temporal server at ${ADDRESS}" server_serving
wait_for "namespace ${NAMESPACE}" namespace_ready

for entry in $ATTRIBUTES; do
  name="${entry%%:*}"
  type="${entry#*:}"
  if is_registered "$name"; then
    echo "register-search-attributes: ${name} (${type}) already registered"
    continue
  fi
  attempt=1
  until temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
    --name "$name" --type "$type"; do
    # A concurrent run may have created it in the meantime; that counts as success.
    if is_registered "$name"; then break; fi
    if [ "$attempt" -ge 10 ]; then
      echo "register-search-attributes: could not create ${name} (${type})" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
  echo "register-search-attributes: ${name} (${type}) registered"
done

# Final check: every attribute must now be visible in the namespace.
missing=0
for entry in $ATTRIBUTES; do
  name="${entry%%:*}"
  if ! is_registered "$name"; then
    echo "register-search-attributes: ${name} is still missing" >&2
    missing=1
  fi
done
exit "$missing"
