/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Text folding: the form of a name or query that search compares, so that
 * "José Ñúñez", "JOSE NUNEZ" and "jose  nunez" are one key. In order:
 * Unicode case folding (ß → "ss", final ς → σ, İ → i), compatibility
 * decomposition (NFKD: full-width letters, ligatures), removal of the
 * accents (non-spacing marks) on Latin, Greek, Cyrillic, Armenian, Hebrew
 * (niqqud) and Arabic (harakat) letters, a few letters with no
 * decomposition spelled plainly (ı → i, ø → o, ł → l, đ/ð → d, æ → ae,
 * œ → oe, þ → th, ħ → h, ŧ → t), invisible format characters (joiners,
 * direction marks, soft hyphen, tatweel) dropped, white space collapsed to
 * single spaces and trimmed, then NFC. Other scripts keep their marks
 * (Devanagari vowel signs and virama, Thai tone marks, kana voicing), so
 * CJK, Hangul, Devanagari and Thai text is unchanged apart from NFC.
 * Punctuation is kept. Invalid UTF-8 folds to "". (g_free()) */
char  *tonic_search_fold            (const char *text);
/* The folded words of @text: split on white space and punctuation
 * (apostrophes and hyphens too: "O'Brien-Smith" → "o", "brien", "smith");
 * letters keep their marks; no empty words. (g_strfreev()) */
char **tonic_search_tokens          (const char *text);
/* The digits in @text as ASCII, whatever their script, nothing else:
 * "+44 (0)20 7946 0958" → "4402079460958". (g_free()) */
char  *tonic_search_phone_digits    (const char *text);

/* The order people write the parts of a date in. */
typedef enum
{
  TONIC_DATE_ORDER_DMY,
  TONIC_DATE_ORDER_MDY,
  TONIC_DATE_ORDER_YMD,
} TonicDateOrder;

/* The order of a strftime() date format such as nl_langinfo (D_FMT)
 * ("%m/%d/%y" → MDY, "%d.%m.%Y" → DMY, "%Y-%m-%d" → YMD); DMY when it
 * cannot tell. */
TonicDateOrder tonic_date_order_from_format (const char *format);
/* The order of the current LC_TIME locale, from nl_langinfo (D_FMT). */
TonicDateOrder tonic_date_order_from_locale (void);

/* A date typed the way people type a date of birth:
 *   1980-04-03  1980/4/3  19800403          year first (always Y-M-D)
 *   3/4/1980  03.04.1980  3-4-80  03 04 1980 day and month, then the year
 *   030480  03041980                         digits only (6 or 8)
 *   3 Apr 1980  April 3, 1980  3rd April 1980  1980 Apr 3  (month names in
 *   the locale's language or English, abbreviated to 3+ letters)
 *   1980年4月3日  1980년 4월 3일
 * Digits of any script are read. A two-digit year is the latest year with
 * those last digits that is not after @today's year (dates of birth are
 * never in the future): with today in 2026, "25" → 2025, "27" → 1927.
 *
 * The year is looked for where @order puts it (last for DMY and MDY,
 * first for YMD); only when that gives no date is it looked for at the
 * other end ("80-04-03" in a DMY locale, "3/4/1980" in a YMD one). When
 * the day and month can then be read either way (both 12 or less and
 * different) there are two candidates: @out_a is the one @order prefers
 * (day first for YMD locales), @out_b the other. Otherwise @out_b is left
 * cleared (invalid).
 * Returns FALSE, with both cleared, when @typed is not a whole date
 * (a year alone, a month and year, words that are not months, 3-digit
 * years, impossible dates). */
gboolean tonic_search_parse_date            (const char     *typed,
                                             TonicDateOrder  order,
                                             GDate          *out_a,
                                             GDate          *out_b);
/* The same with a given @today (for the two-digit year pivot); NULL means
 * the current local date. */
gboolean tonic_search_parse_date_full       (const char     *typed,
                                             TonicDateOrder  order,
                                             const GDate    *today,
                                             GDate          *out_a,
                                             GDate          *out_b);

/* What a search query looks like; a query can be several at once
 * ("03041980" is a date and phone digits). */
typedef enum /*< flags >*/
{
  TONIC_QUERY_NONE  = 0,
  TONIC_QUERY_NAME  = 1 << 0, /* has a letter and is not an MRN */
  TONIC_QUERY_MRN   = 1 << 1, /* a whole MRN, or "TN" and some of its digits */
  TONIC_QUERY_DATE  = 1 << 2, /* tonic_search_parse_date() reads it */
  TONIC_QUERY_PHONE = 1 << 3, /* 6+ digits, only spaces and punctuation
                               * besides, and not a date typed with
                               * separators */
} TonicQueryKind;

/* The fewest digits a query needs to be searched as a phone number. */
#define TONIC_SEARCH_PHONE_DIGITS_MIN 6

#define TONIC_TYPE_QUERY_KIND (tonic_query_kind_get_type ())
GType          tonic_query_kind_get_type    (void) G_GNUC_CONST;

TonicQueryKind tonic_search_classify        (const char *typed);

G_END_DECLS
