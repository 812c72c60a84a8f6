#!/usr/bin/env bash
# Writes target/<profile>/pjsua2rs.pc for using the checkout's build from C:
#   PKG_CONFIG_PATH=target/release pkg-config --cflags --libs pjsua2rs
# Usage: scripts/pkgconfig.sh [release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
root="$PWD"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p "target/$profile"
cat > "target/$profile/pjsua2rs.pc" <<PC
prefix=$root
includedir=\${prefix}/include
libdir=\${prefix}/target/$profile

Name: pjsua2rs
Description: SIP user agent library with the feature set of PJSIP's PJSUA2
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lpjsua2rs
Libs.private: -lpthread -ldl -lm
PC
echo "target/$profile/pjsua2rs.pc"
