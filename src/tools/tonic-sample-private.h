/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tonic-sample-lib.h"

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
/* Notes on consultations and follow-ups, and on dosing visits. */
extern const char *const    _tonic_sample_appointment_notes[];
extern const char *const    _tonic_sample_dosing_notes[];

/* The number of strings in a NULL-terminated list. */
guint _tonic_sample_list_length (const char *const *list);

/* Draws from @rand: a number below @n, TRUE @per_mille times in a
 * thousand, a string of a NULL-terminated list. */
guint        _tonic_sample_pick        (GRand             *rand,
                                        guint              n);
gboolean     _tonic_sample_chance      (GRand             *rand,
                                        guint              per_mille);
const char  *_tonic_sample_pick_string (GRand             *rand,
                                        const char *const *list);
/* The short names the generator's files use. */
#define pick        _tonic_sample_pick
#define chance      _tonic_sample_chance
#define pick_string _tonic_sample_pick_string

/* -- Courses of treatment (tonic-sample-course.c) ------------------------------ */

/* The kinds of course (CLINICAL.md, "Protocol templates"). */
typedef enum
{
  SAMPLE_COURSE_NONE,            /* being assessed: consultations only */
  SAMPLE_COURSE_IV_DEPRESSION,
  SAMPLE_COURSE_IV_PAIN,
  SAMPLE_COURSE_ESKETAMINE,
  SAMPLE_COURSE_IM,
} SampleCourseKind;

/* Induction sessions of a kind. */
guint             _tonic_sample_course_induction   (SampleCourseKind kind);
/* Days from session @index (0 for the first) to the next, as the kind's
 * protocol has them; @booster_days between boosters (IV and IM). */
int               _tonic_sample_course_gap         (SampleCourseKind kind,
                                                    guint            index,
                                                    int              booster_days);
/* Minutes of dosing and observation in the chair, and of the visit (the
 * appointment's length); the kind of appointment. */
int               _tonic_sample_course_treatment_minutes (SampleCourseKind kind);
int               _tonic_sample_course_visit_minutes     (SampleCourseKind kind);
TonicAppointmentType _tonic_sample_course_appointment_type (SampleCourseKind kind);
/* @indications made to fit the course (a depression course needs a
 * depression, esketamine a treatment-resistant one, a pain course chronic
 * pain); other indications are kept. */
TonicIndication   _tonic_sample_course_fit_indications (SampleCourseKind kind,
                                                        TonicIndication  indications);

/* One scheduled session that happened: its times (local). A session
 * under way today has no discharge and is documented up to @until. */
typedef struct
{
  GDateTime        *arrived_at;
  GDateTime        *in_chair_at;
  GDateTime        *discharged_at;   /* NULL: under way */
  GDateTime        *until;           /* nothing is documented after it */
  TonicAppointment *appointment;     /* or NULL */
} SampleVisit;

typedef struct
{
  SampleCourseKind       kind;
  TonicSampleShowcase    showcase;
  TonicSampleTrajectory  trajectory;
  TonicPatient          *patient;
  guint                  index;        /* the patient's */
  const char            *driver_name;
  GDate                  first_day;    /* the first session's (consent before it) */
  GDate                  today;
  gboolean               ended;        /* end the course after its sessions */
} SampleCourseSpec;

/* Makes the plans and sessions of a course whose sessions happened at
 * @visits (oldest first), drawing from @rand. */
TonicSampleCourse *_tonic_sample_course_new  (GRand                  *rand,
                                              const SampleCourseSpec *spec,
                                              const SampleVisit      *visits,
                                              guint                   n_visits);
void               _tonic_sample_course_free (TonicSampleCourse      *course);

G_END_DECLS
