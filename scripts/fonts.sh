#!/usr/bin/env bash
# Writes edge/fonts/: the two faces the Worker draws link pictures with, DejaVu Sans and its bold
# (Debian's fonts-dejavu-core), cut down to the scripts a name is likely to be written in (Latin,
# Greek, Cyrillic, Hebrew, Arabic, with their combining marks) and the punctuation and symbols the
# pictures use; the Worker draws a box for a character outside them. Run by hand when the choice changes, and the files
# committed: builds and tests use the committed files and do not need this script's tools.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
FONTTOOLS_VERSION=4.68.0
tools="$root/.tools/fonttools"
if ! PYTHONPATH="$tools" python3 -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
  python3 -m pip install -q --target "$tools" "fonttools==$FONTTOOLS_VERSION"
fi
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || sudo apt-get install -y fonts-dejavu-core
ranges="U+0020-007E,U+00A0-024F,U+0300-036F,U+0370-03FF,U+0400-04FF,U+0590-05FF,U+0600-06FF,U+2000-206F,U+20A0-20CF,U+2190-2199,U+25A0-25FF"
for face in DejaVuSans DejaVuSans-Bold; do
  # No hinting (the pictures are drawn large and anti-aliased) and no shaping tables (the Worker
  # places glyphs by their advances).
  PYTHONPATH="$tools" python3 -m fontTools.subset "/usr/share/fonts/truetype/dejavu/$face.ttf" \
    --unicodes="$ranges" --no-hinting --drop-tables+=FFTM,GPOS,GSUB,GDEF,kern \
    --output-file="edge/fonts/$face.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright edge/fonts/LICENSE
ls -l edge/fonts
