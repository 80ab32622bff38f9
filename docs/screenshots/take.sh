#!/usr/bin/env bash
# Re-takes the screenshots in this folder (issue 22's changed pages at 1366×768 and 390×844) with the browser tests'
# own silo and Chromium (/usr/bin/chromium): builds the browser tests and runs the screenshot helper, which writes
# the PNGs here and fails if one is over 150 KB or a public page is wider than its screen. The studio's shots come from
# its refusal tests (StudioRefusalTests) and its zoom-to-fit tests at 1366×768 (StudioZoomToFitTests), which run with
# --studio (the studio takes minutes to load).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build silo -c Debug
dotnet build tests/ServiceHall.Browser.Tests -c Debug
SERVICEHALL_SCREENSHOTS=1 dotnet test tests/ServiceHall.Browser.Tests --no-build \
  --filter "FullyQualifiedName~DocumentationScreenshots" --logger "console;verbosity=normal"
if [[ "${1:-}" == "--studio" ]]; then
  SERVICEHALL_SCREENSHOTS=1 dotnet test tests/ServiceHall.Browser.Tests --no-build \
    --filter "FullyQualifiedName~StudioRefusalTests.DeletingADefinition|FullyQualifiedName~StudioRefusalTests.AManagers"
  SERVICEHALL_SCREENSHOTS=1 dotnet test tests/ServiceHall.Browser.Tests --no-build \
    --filter "FullyQualifiedName~StudioZoomToFitTests&DisplayName~1366"
fi
ls -l "$root/docs/screenshots"/*.png
