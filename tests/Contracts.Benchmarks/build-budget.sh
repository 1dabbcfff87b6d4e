#!/bin/bash
# Build-time budget of the generator (issue: a 50-schema project adds at most 1 s to an edit-rebuild; a no-op build is
# at most 0.1 s slower than without the generator). Two projects consume the packed packages from a local feed:
# one with Contracts.Generators and 50 Avro schemas (8 fields each), one with only Contracts.Abstractions and the same
# files as plain items. Five rounds of: a no-op build of each, then an edit-rebuild of each (a schema doc edited in
# the first, a comment appended to Program.cs in the second). Prints milliseconds per build.
# Usage: tests/Contracts.Benchmarks/build-budget.sh
set -e
repo=$(cd "$(dirname "$0")/../.." && pwd)
machine_packages=$(dotnet nuget locals global-packages -l | sed "s/^global-packages: //")
root=$(mktemp -d /tmp/budget-XXXX)
feed=$root/feed
for p in src/Contracts.Abstractions/Contracts.Abstractions.csproj generators/Contracts.Generators/Contracts.Generators.csproj; do
  dotnet pack $repo/$p -c Release -o $feed -v q -nologo >/dev/null
done
export NUGET_PACKAGES=$root/packages
cat > $root/nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="local" value="$feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$machine_packages" /></fallbackPackageFolders>
</configuration>
XML
make_project() { # $1 dir, $2 with generator (1/0)
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
  if [ "$2" = 1 ]; then ref='<PackageReference Include="Contracts.Generators" Version="0.1.0" />'; else ref='<PackageReference Include="Contracts.Abstractions" Version="0.1.0" /><None Include="schemas/**" />'; fi
  cat > $1/Budget.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup>$ref</ItemGroup>
</Project>
XML
}
make_project $root/with 1
make_project $root/without 0
for p in with without; do (cd $root/$p && dotnet build -v q -nologo >/dev/null && dotnet build -v q -nologo > /dev/null); done
t() { local s=$(date +%s%N); "$@" > /dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }
echo "round with_noop without_noop with_edit without_edit"
for r in $(seq 1 ${ROUNDS:-5}); do
  a=$(cd $root/with && t dotnet build -v q -nologo --no-restore)
  b=$(cd $root/without && t dotnet build -v q -nologo --no-restore)
  sed -i "s/\"type\": \"boolean\".*/\"type\": \"boolean\", \"doc\": \"edit $r\" } ] }/" $root/with/schemas/bench/Event7.v1.avsc
  c=$(cd $root/with && t dotnet build -v q -nologo --no-restore)
  echo "// edit $r" >> $root/without/Program.cs
  d=$(cd $root/without && t dotnet build -v q -nologo --no-restore)
  echo "$r $a $b $c $d"
done
[ -n "$KEEP" ] && echo "kept $root" || rm -rf $root
