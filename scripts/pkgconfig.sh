#!/usr/bin/env bash
# Writes target/<profile>/pjsua2rs.pc (the shared library) and pjsua2rs-static.pc (the
# static archive) for using the checkout's build from C:
#   PKG_CONFIG_PATH=target/release pkg-config --cflags --libs pjsua2rs
#   PKG_CONFIG_PATH=target/release pkg-config --cflags --libs pjsua2rs-static
# Usage: scripts/pkgconfig.sh [release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
root="$PWD"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p "target/$profile"
# What the static archive needs besides itself: ALSA (sound devices, through cpal) and the
# system libraries Rust's std links (`rustc --print native-static-libs`).
native_libs="-lasound -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
cat > "target/$profile/pjsua2rs.pc" <<PC
prefix=$root
includedir=\${prefix}/include
libdir=\${prefix}/target/$profile

Name: pjsua2rs
Description: SIP user agent library with the feature set of PJSIP's PJSUA2
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lpjsua2rs
Libs.private: $native_libs
PC
cat > "target/$profile/pjsua2rs-static.pc" <<PC
prefix=$root
includedir=\${prefix}/include
libdir=\${prefix}/target/$profile

Name: pjsua2rs-static
Description: SIP user agent library with the feature set of PJSIP's PJSUA2 (static archive)
Version: $version
Cflags: -I\${includedir}
Libs: \${libdir}/libpjsua2rs.a $native_libs
PC
echo "target/$profile/pjsua2rs.pc target/$profile/pjsua2rs-static.pc"
