/* The C tests' check macro: a failed CHECK prints the condition and the library's last
 * error, counts the failure and goes on; main() ends with `return report(name);`. */
#ifndef PJSUA2RS_TESTS_CHECK_H
#define PJSUA2RS_TESTS_CHECK_H

#include <pjsua2rs.h>
#include <stdio.h>

static int failures = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            pjsua2rs_error_info e_;                                                     \
            pjsua2rs_last_error(&e_);                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error %d %s: %s\n", __FILE__, \
                    __LINE__, #cond, e_.status, e_.title, e_.reason);                   \
            failures++;                                                                 \
        }                                                                               \
    } while (0)

#endif
