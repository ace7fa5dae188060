/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Field checks shared by the forms (SECURITY.md, "Bad input"). Each returns
 * NULL when the text is acceptable, else a translated message to show next
 * to the field (g_free()). Blank means empty or white space only. Any
 * script is welcome in every text. */

#define TONIC_PHONE_DIGITS_MIN 6
#define TONIC_PHONE_DIGITS_MAX 15   /* E.164 */
#define TONIC_EMAIL_MAX        254

/* A required one-line text (a name): not blank, valid UTF-8, no control
 * characters, line breaks or bidirectional overrides, at least one letter,
 * at most @max_chars characters after trimming. @empty_message is returned
 * when it is blank or has no letter. */
char *tonic_check_required_name (const char *text,
                                 guint       max_chars,
                                 const char *empty_message);
/* An optional one-line text: blank is fine; otherwise the rules above
 * except the letter. */
char *tonic_check_optional_line (const char *text,
                                 guint       max_chars);
/* An optional text of several lines (notes, allergies): line breaks and
 * tabs allowed, no other control characters, at most @max_chars. */
char *tonic_check_multiline     (const char *text,
                                 guint       max_chars);
/* An optional e-mail address that looks deliverable: one "@", a local
 * part and a domain with a dot, no spaces, no empty labels; international
 * addresses welcome. Not a full RFC 5322 parser. */
char *tonic_check_email         (const char *text);
/* An optional phone number: 6-15 digits (any script's digits), any spaces
 * and punctuation between them, one "+" allowed in front; no letters. */
char *tonic_check_phone         (const char *text);

G_END_DECLS
