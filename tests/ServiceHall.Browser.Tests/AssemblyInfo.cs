// The two collections (the pages' silo and the studio's) each run a silo and a Chromium; the studio is a 76 MB Blazor
// WebAssembly app. Side by side on two cores they starved each other's pages, so they run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
