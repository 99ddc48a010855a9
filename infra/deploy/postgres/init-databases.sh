#!/bin/bash
# PostgreSQL init script (/docker-entrypoint-initdb.d): one role and one database per node, each database owned by
# its node's role, so a node can only reach its own source registration. Runs once, when the data volume is empty.
#
# BRONSEIN_DATABASES  space-separated "name:password" pairs, e.g. "gp:secret municipality:secret provider:secret"
set -euo pipefail

for pair in ${BRONSEIN_DATABASES:?set BRONSEIN_DATABASES to \"name:password ...\"}; do
    name="${pair%%:*}"
    password="${pair#*:}"
    if [[ ! "$name" =~ ^[a-z_][a-z0-9_]*$ || "$pair" != *:* || -z "$password" ]]; then
        echo "init-databases: bad entry '$name' (want lower-case name:password)" >&2
        exit 1
    fi
    echo "init-databases: role and database $name"
    # psql variables (:"name" quotes an identifier, :'password' a literal), so passwords need no escaping here.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
