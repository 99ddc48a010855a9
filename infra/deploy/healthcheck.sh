#!/bin/bash
# Container health check of a Bronsein node: healthy when GET /actuator/health on the staff API answers 200.
# Plain bash (/dev/tcp): the JRE base image need not carry curl or wget. The staff API must listen on 127.0.0.1 or
# 0.0.0.0 inside the container (the image sets BRONSEIN_STAFFAPI_ADDRESS=0.0.0.0).
port="${BRONSEIN_STAFFAPI_PORT:-${BRONSEIN_STAFF_API_PORT:-}}"
if [[ -z "$port" ]]; then
    echo "healthcheck: BRONSEIN_STAFFAPI_PORT is not set" >&2
    exit 1
fi
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || exit 1
exec 3<&-
[[ "$status" == HTTP/1.?" 200"* ]]
