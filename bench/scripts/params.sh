#!/usr/bin/env bash
# Prints the fixed arguments of the five operations for one scale (deterministic choices).
set -euo pipefail
tag=$(echo "$1" | tr . _)
q() { psql -h 127.0.0.1 -U postgres -Atq -d "bench_${tag}_$1" -c "$2"; }
# op 1: the village with the most disputes
echo "VILLAGE=$(q legal "select left(cell_code,12) from dispute group by 1 order by count(*) desc, 1 limit 1")"
# op 2: the resident who is party to the most disputes
pid=$(q legal "select person_id from dispute_party group by 1 order by count(*) desc, 1 limit 1")
echo "PERSON_ID=$pid"
echo "ID_NUMBER=$(q people "select id_number from person where id=$pid")"
# op 3: the town with the most veterans
echo "PEOPLE_TAG=VETERAN"
echo "TOWN=$(q people "select left(cell_code,9) from person where tags @> array['VETERAN'] group by 1 order by count(*) desc, 1 limit 1")"
# op 4: the district
echo "DISTRICT=440513"
# op 5: the first grid worker and the first cell of its grid
w=$(q grid "select id||' '||grid_code from grid_worker order by id limit 1")
echo "WORKER=${w% *}"
echo "GRID=${w#* }"
echo "CELL=$(q grid "select code from region where level='CELL' and code like '${w#* }%' order by code limit 1")"
