#!/usr/bin/env bash
# Checks runtime/src/main/fbs/litert_schema.fbs against upstream LiteRT's schema.fbs: every enum
# value, union tag and table field slot (with its default) that our schema declares must be
# generated identically from upstream's schema. Our schema may leave things out; it may not differ.
#
# Usage: scripts/check-tflite-schema.sh path/to/upstream/schema.fbs
#   (upstream: google-ai-edge/LiteRT, tflite/converter/schema/schema.fbs)
# Needs the flatc that `mvn -f runtime/pom.xml generate-sources` unpacks into runtime/target/flatc.
set -euo pipefail

upstream_schema=${1:?usage: $0 path/to/upstream/schema.fbs}
root=$(cd "$(dirname "$0")/.." && pwd)
flatc="$root/runtime/target/flatc/bin/flatc"
[[ -x "$flatc" ]] || { echo "no flatc: run 'mvn -f runtime/pom.xml generate-sources' first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# flatc 2.0.8 does not accept (deprecated) on enum values and union members, which newer upstream
# schemas use.
sed -e 's/ (deprecated),/,/' -e 's/^table \([A-Za-z0-9_]*\) (deprecated)/table \1/' \
  "$upstream_schema" > "$work/upstream.fbs"
"$flatc" --java --gen-mutable -o "$work/upstream" "$work/upstream.fbs"
"$flatc" --java --gen-mutable -o "$work/ours" "$root/runtime/src/main/fbs/litert_schema.fbs"

ours_dir="$work/ours/io/litertj/tflite/schema"
upstream_dir="$work/upstream/tflite"
checked=0
failed=0
for file in "$ours_dir"/*.java; do
  name=$(basename "$file")
  if [[ ! -f "$upstream_dir/$name" ]]; then
    echo "not in upstream: ${name%.java}"
    failed=$((failed + 1))
    continue
  fi
  # Enum values / union tags, and the slot + default of every field adder.
  while IFS= read -r line; do
    checked=$((checked + 1))
    if ! grep -qxF -- "$line" "$upstream_dir/$name"; then
      echo "differs in ${name%.java}: $line"
      failed=$((failed + 1))
    fi
  done < <(grep -E '^  public static (final (byte|short|int|long) [A-Za-z0-9_]+ = |void add[A-Za-z0-9_]+\(FlatBufferBuilder builder, )' "$file")
done
echo "checked $checked declarations, $failed differences"
[[ $failed -eq 0 ]]
