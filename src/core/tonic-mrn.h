/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Medical record numbers.
 *
 * Format: "TN-" + a 7-digit sequence number (zero-padded, 1 to 9999999)
 * + "-" + one check digit, e.g. "TN-0000012-5". The store hands out the
 * sequence; this is the only place that spells it.
 *
 * The check digit is the Damm algorithm's (a 10×10 quasigroup, like Luhn a
 * single decimal digit): it catches every single mistyped digit and every
 * swap of two neighbouring digits. Luhn, the usual choice, misses the
 * swaps 09 ↔ 90; Damm has no such gap.
 *
 * Typing is forgiving: case, spaces and dashes (any Unicode dash) are
 * ignored, digits of any script are read, and the "TN" may be left off:
 * "tn 0000012 5", "TN00000125", "0000012-5" all mean TN-0000012-5. */

#define TONIC_MRN_PREFIX        "TN"
#define TONIC_MRN_SEQUENCE_MAX  G_GUINT64_CONSTANT (9999999)
#define TONIC_MRN_LENGTH        12  /* strlen ("TN-0000012-5") */

/* The MRN for @sequence (1 to TONIC_MRN_SEQUENCE_MAX), or NULL. (g_free()) */
char     *tonic_mrn_format             (guint64     sequence);
/* The Damm check digit (0-9) of a string of ASCII digits. */
guint     tonic_mrn_check_digit        (const char *digits);
/* Whether @text is an MRN with a correct check digit, typed forgivingly. */
gboolean  tonic_mrn_is_valid           (const char *text);
/* The canonical form of a valid MRN ("TN-0000012-5"), or NULL. (g_free()) */
char     *tonic_mrn_normalize          (const char *text);
/* The sequence number of a valid MRN. */
gboolean  tonic_mrn_parse              (const char *text,
                                        guint64    *sequence);
/* For searching while an MRN is being typed: when @text is "TN" followed
 * by 1 to 8 digits (spaces and dashes ignored), the canonical beginning
 * it stands for ("tn 00000" → "TN-00000", "tn0000012" → "TN-0000012",
 * "tn000001 25" → "TN-0000012-5", check digit not verified); else NULL.
 * (g_free()) */
char     *tonic_mrn_normalize_partial  (const char *text);

G_END_DECLS
