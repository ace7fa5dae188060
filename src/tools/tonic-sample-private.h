/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name lists of the sample generator (tonic-sample-names.c).
 *
 * A given name is written "Native[=latin][|Nick]": the name as its bearer
 * writes it, its usual spelling in Latin letters when the script is not
 * Latin, and an optional everyday form for the preferred name. A family
 * name is "Male[=latin][/Female[=latin]]" for languages whose surnames
 * change with sex (Polish, Russian, Greek). */

typedef enum
{
  SAMPLE_ORDER_GIVEN_FAMILY,   /* "Emily Carter" */
  SAMPLE_ORDER_FAMILY_GIVEN,   /* "Nguyễn Thị Lan", "佐藤 花子" */
  SAMPLE_ORDER_FAMILY_GIVEN_JOINED, /* "王伟" */
} SampleNameOrder;

typedef struct
{
  const char             *id;
  /* Out of 1000 patients. */
  guint                   weight;
  const char *const      *female;
  const char *const      *male;
  const char *const      *family;
  /* Vietnamese middle names; NULL elsewhere. */
  const char *const      *middle_female;
  const char *const      *middle_male;
  SampleNameOrder         order;
  /* For non-Latin scripts: the percentage of patients whose records use
   * the Latin spelling (given name first). */
  guint                   latin_percent;
  /* Spanish: a second family name most of the time, two given names some. */
  gboolean                hispanic;
  /* The percentage of records written without accents and tone marks
   * (as passports and older systems write them): Yoruba, Vietnamese. */
  guint                   plain_percent;
  /* English names some people of this culture go by (preferred names). */
  const char *const      *adopted_female;
  const char *const      *adopted_male;
  /* The language for an interpreter note, or NULL. */
  const char             *language;
} SampleCulture;

extern const SampleCulture  _tonic_sample_cultures[];
extern const guint          _tonic_sample_n_cultures;

extern const char *const    _tonic_sample_streets[];
extern const char *const    _tonic_sample_cities[];   /* "City|postcode prefix" */
extern const char *const    _tonic_sample_practices[];
extern const char *const    _tonic_sample_allergies[];
extern const char *const    _tonic_sample_patient_notes[];
extern const char *const    _tonic_sample_appointment_notes[];

/* The number of strings in a NULL-terminated list. */
guint _tonic_sample_list_length (const char *const *list);

G_END_DECLS
