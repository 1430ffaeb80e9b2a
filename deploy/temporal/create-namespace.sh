#!/usr/bin/env bash
# One-shot namespace job: waits until the Temporal frontend serves, then creates the engine's
# namespace with its retention unless it exists. The engine registers its own search attributes.
set -euo pipefail

: "${TEMPORAL_ADDRESS:?}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
ATTEMPTS="${TEMPORAL_WAIT_ATTEMPTS:-60}"

for ((i = 1; i <= ATTEMPTS; i++)); do
  if temporal operator cluster health --address "${TEMPORAL_ADDRESS}" 2>/dev/null | grep -q SERVING; then
    break
  fi
  if ((i == ATTEMPTS)); then
    echo "Temporal at ${TEMPORAL_ADDRESS} did not become healthy" >&2
    exit 1
  fi
  echo "waiting for Temporal at ${TEMPORAL_ADDRESS} (${i}/${ATTEMPTS})"
  sleep 2
done

if temporal operator namespace describe --address "${TEMPORAL_ADDRESS}" --namespace "${NAMESPACE}" >/dev/null 2>&1; then
  echo "namespace ${NAMESPACE} exists"
else
  temporal operator namespace create --address "${TEMPORAL_ADDRESS}" --namespace "${NAMESPACE}" --retention "${RETENTION}"
  echo "namespace ${NAMESPACE} created with retention ${RETENTION}"
fi
