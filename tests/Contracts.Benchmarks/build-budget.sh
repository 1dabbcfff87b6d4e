#!/bin/bash
# Build-time budget of the generator (issue: a 50-schema project adds at most 1 s to an edit-rebuild; a no-op build is
# at most 0.1 s slower than without the generator). Two projects consume the packed packages from a local feed:
# one with Contracts.Generators and 50 Avro schemas (8 fields each), one with only Contracts.Abstractions and the same
# files as plain items. Five rounds of: a no-op build of each, then an edit-rebuild of each (a schema doc edited in
# the first, a comment appended to Program.cs in the second). Prints milliseconds per build (wall clock) and, for
# the edit-rebuilds, the CPU milliseconds of the build's processes (user + sys of dotnet and csc; meaningful only
# without the compiler server, whose CPU is not a child's). CPU time is far less disturbed by a loaded machine.
#   BASE_REF=<git ref>  also builds a third project from the packages of that commit (git archive, nothing checked
#                       out), so that before and after are measured side by side in one run.
#   SERVER=1            builds through a compiler server of its own (UseSharedCompilation=true, a private pipe name;
#                       stopped by its process id at the end), as a developer's machine does by default. Without it
#                       the script inherits UseSharedCompilation from the environment (CI images often set false):
#                       then every build starts csc, the generator and its dependencies cold.
#   CODECS=avro         sets ContractsCodecs on the projects with the generator (default: the package's, avro;json), to
#                       measure a project that generates only the codec of its own format.
# Usage: [BASE_REF=main] [SERVER=1] [CODECS=avro] [ROUNDS=5] tests/Contracts.Benchmarks/build-budget.sh
set -e
repo=$(cd "$(dirname "$0")/../.." && pwd)
machine_packages=$(dotnet nuget locals global-packages -l | sed "s/^global-packages: //")
root=$(mktemp -d /tmp/budget-XXXX)
pack() { # $1 source tree, $2 feed
  for p in src/Contracts.Abstractions/Contracts.Abstractions.csproj generators/Contracts.Generators/Contracts.Generators.csproj; do
    dotnet pack $1/$p -c Release -o $2 -v q -nologo >/dev/null
  done
}
config() { # $1 feed, $2 file
  cat > $2 <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="local" value="$1" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$machine_packages" /></fallbackPackageFolders>
</configuration>
XML
}
pack $repo $root/feed
export NUGET_PACKAGES=$root/packages
config $root/feed $root/nuget.config
projects="with without"
if [ -n "$BASE_REF" ]; then
  mkdir -p $root/base-src $root/base
  git -C $repo archive "$BASE_REF" | tar -x -C $root/base-src
  pack $root/base-src $root/feed-base
  config $root/feed-base $root/base/nuget.config
  projects="with without base"
fi
server_args=""
if [ "$SERVER" = 1 ]; then server_args="-p:UseSharedCompilation=true -p:SharedCompilationId=budget-$$"; fi
make_project() { # $1 dir, $2 with generator (1/0)
  local codecs=""
  mkdir -p $1/schemas/bench
  for i in $(seq 1 50); do
    cat > $1/schemas/bench/Event$i.v1.avsc <<JSON
{ "type": "record", "name": "Event$i", "namespace": "bench",
  "fields": [
    { "name": "id", "type": { "type": "string", "logicalType": "uuid" } },
    { "name": "at", "type": { "type": "long", "logicalType": "timestamp-micros" } },
    { "name": "amount", "type": { "type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2 } },
    { "name": "name", "type": "string" },
    { "name": "count", "type": "int" },
    { "name": "tags", "type": { "type": "array", "items": "string" } },
    { "name": "note", "type": ["null", "string"], "default": null },
    { "name": "flag", "type": "boolean" } ] }
JSON
  done
  echo 'System.Console.WriteLine("ok");' > $1/Program.cs
  if [ "$2" = 1 ]; then ref='<PackageReference Include="Contracts.Generators" Version="0.1.0" />'; [ -n "$CODECS" ] && codecs="<ContractsCodecs>$CODECS</ContractsCodecs>"; else ref='<PackageReference Include="Contracts.Abstractions" Version="0.1.0" /><None Include="schemas/**" />'; fi
  cat > $1/Budget.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>${codecs:-}</PropertyGroup>
  <ItemGroup>$ref</ItemGroup>
</Project>
XML
}
make_project $root/with 1
make_project $root/without 0
[ -n "$BASE_REF" ] && make_project $root/base 1
packages_of() { [ $1 = base ] && echo $root/packages-base || echo $root/packages; }
for p in $projects; do (cd $root/$p && export NUGET_PACKAGES=$(packages_of $p) && dotnet build -v q -nologo $server_args >/dev/null && dotnet build -v q -nologo $server_args > /dev/null); done
# Prints "wall/cpu" milliseconds of one build of project $1.
t() {
  local s=$(date +%s%N) c
  c=$( { TIMEFORMAT='%U %S'; time (cd $root/$1 && NUGET_PACKAGES=$(packages_of $1) dotnet build -v q -nologo --no-restore $server_args > /dev/null); } 2>&1 )
  echo "$(( ($(date +%s%N) - s) / 1000000 ))/$(echo $c | awk '{printf "%d", ($1 + $2) * 1000}')"
}
edit() { # $1 project, $2 round
  if [ $1 = without ]; then echo "// edit $2" >> $root/without/Program.cs
  else sed -i "s/\"type\": \"boolean\".*/\"type\": \"boolean\", \"doc\": \"edit $2\" } ] }/" $root/$1/schemas/bench/Event7.v1.avsc; fi
}
echo "round $(for p in $projects; do echo -n "${p}_noop "; done)$(for p in $projects; do echo -n "${p}_edit "; done)(wall/cpu ms)"
for r in $(seq 1 ${ROUNDS:-5}); do
  line="$r"
  for p in $projects; do line="$line $(t $p)"; done
  for p in $projects; do edit $p $r; line="$line $(t $p)"; done
  echo "$line"
done
if [ "$SERVER" = 1 ]; then
  for pid in $(pgrep -f "pipename:budget-$$" || true); do kill $pid; done
fi
[ -n "$KEEP" ] && echo "kept $root" || rm -rf $root
