#!/usr/bin/env bash
# Publishes NewsFeed.Web for a Linux x64 host into OUT (default: out), as a deployment and bench/ run it:
# self-contained, with the app and the .NET runtime precompiled together into one ReadyToRun composite image.
# The host needs no .NET installed. Why one composite image, and what it costs: README, "Decisions".
set -euo pipefail
out=$(realpath -m "${1:-out}")
cd "$(dirname "$0")/.."
# A folder left by an earlier publish may hold files this one does not write (the runtime's, or a build without them).
if [[ -e $out/NewsFeed.Web.dll ]]; then rm -rf "$out"; fi
dotnet publish src/NewsFeed.Web -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out" -v q --nologo
