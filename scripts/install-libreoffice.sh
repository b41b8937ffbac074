#!/bin/sh
# Install Debian's LibreOffice Calc (used headless by the tests of the HR officer's workbooks:
# the template and the flags workbook must survive "open in LibreOffice, save as .xlsx").
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc fonts-dejavu-core >/dev/null
soffice --version
