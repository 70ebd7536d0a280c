#!/usr/bin/env bash
# Install the Debian packages a stage of the build needs, once (idempotent).
#   scripts/install_system.sh book   CJK fonts for chart images
#   scripts/install_system.sh test   + Chromium (browser test), poppler-utils and the PDF's
#   scripts/install_system.sh pdf    + XeLaTeX, xeCJK and Noto CJK for the PDF book
set -euo pipefail
stage=${1:-book}
pkgs=(fonts-noto-cjk)
tex=(texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
     tex-gyre fonts-freefont-otf texlive-lang-chinese latexmk)
case "$stage" in
  book) ;;
  test) pkgs+=(chromium poppler-utils "${tex[@]}") ;;   # the tests build the PDF too
  pdf)  pkgs+=(poppler-utils "${tex[@]}") ;;
  *) echo "usage: $0 book|test|pdf" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
