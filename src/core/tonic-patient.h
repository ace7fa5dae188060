/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-indication.h"
#include "tonic-plan.h"

G_BEGIN_DECLS

/* Sex recorded for clinical purposes; gender is free text beside it. */
typedef enum
{
  TONIC_SEX_UNKNOWN,
  TONIC_SEX_FEMALE,
  TONIC_SEX_MALE,
  TONIC_SEX_INTERSEX,
} TonicSex;

#define TONIC_N_SEXES 4

#define TONIC_TYPE_SEX (tonic_sex_get_type ())
GType        tonic_sex_get_type    (void) G_GNUC_CONST;
/* "unknown", "female", "male", "intersex". */
const char  *tonic_sex_to_string   (TonicSex    sex);
gboolean     tonic_sex_from_string (const char *str,
                                    TonicSex   *sex);
const char  *tonic_sex_get_label   (TonicSex    sex);

/* The fields of the patient form, in form order. Each one's id
 * (tonic_patient_field_to_string()) is also the name of the TonicPatient
 * property that holds it. */
typedef enum
{
  TONIC_PATIENT_FIELD_MRN,
  TONIC_PATIENT_FIELD_LEGAL_NAME,
  TONIC_PATIENT_FIELD_PREFERRED_NAME,
  TONIC_PATIENT_FIELD_PRONOUNS,
  TONIC_PATIENT_FIELD_DATE_OF_BIRTH,
  TONIC_PATIENT_FIELD_SEX,
  TONIC_PATIENT_FIELD_GENDER,
  TONIC_PATIENT_FIELD_PHONE_MOBILE,
  TONIC_PATIENT_FIELD_PHONE_OTHER,
  TONIC_PATIENT_FIELD_EMAIL,
  TONIC_PATIENT_FIELD_ADDRESS_LINE1,
  TONIC_PATIENT_FIELD_ADDRESS_LINE2,
  TONIC_PATIENT_FIELD_CITY,
  TONIC_PATIENT_FIELD_REGION,
  TONIC_PATIENT_FIELD_POSTCODE,
  TONIC_PATIENT_FIELD_EMERGENCY_NAME,
  TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP,
  TONIC_PATIENT_FIELD_EMERGENCY_PHONE,
  TONIC_PATIENT_FIELD_REFERRER_NAME,
  TONIC_PATIENT_FIELD_REFERRER_PRACTICE,
  TONIC_PATIENT_FIELD_REFERRER_PHONE,
  TONIC_PATIENT_FIELD_REFERRER_EMAIL,
  TONIC_PATIENT_FIELD_INDICATIONS,
  TONIC_PATIENT_FIELD_ALLERGIES,
  TONIC_PATIENT_FIELD_NOTE,
} TonicPatientField;

#define TONIC_N_PATIENT_FIELDS (TONIC_PATIENT_FIELD_NOTE + 1)

/* "mrn", "legal-name", "preferred-name", … "note". */
const char  *tonic_patient_field_to_string (TonicPatientField field);

/* Limits, in characters. */
#define TONIC_PATIENT_NAME_MAX          200
#define TONIC_PATIENT_PRONOUNS_MAX      50
#define TONIC_PATIENT_GENDER_MAX        100
#define TONIC_PATIENT_ADDRESS_LINE_MAX  200
#define TONIC_PATIENT_PLACE_MAX         100  /* city, region */
#define TONIC_PATIENT_POSTCODE_MAX      20
#define TONIC_PATIENT_RELATIONSHIP_MAX  100
#define TONIC_PATIENT_PRACTICE_MAX      200
#define TONIC_PATIENT_TEXT_MAX          4000 /* allergies, note: several lines */
#define TONIC_PATIENT_EARLIEST_BIRTH_YEAR 1900
#define TONIC_PATIENT_MAX_AGE           120

/* Everything a patient record holds, as plain values: what a form fills in
 * and the store reads and writes. Strings may be NULL (= empty). Start
 * from `TonicPatientFields f = { 0 };` (sex unknown, no indications).
 * @date_of_birth is "YYYY-MM-DD"; @created_at and @updated_at are UTC
 * ISO-8601 set by the store. @id is 0 before the first save.
 *
 * The course fields are read-only too, derived by the store from the
 * patient's plans and sessions (tonic-store-clinical.h) and left empty
 * for a role that may not see clinical content: @course_phase where the
 * current course is; @scale_due_on the local date ("YYYY-MM-DD") the
 * plan's primary measure is due next, or empty; @safety_alert whether a
 * safety flag of a score waits for a clinician's acknowledgement. */
typedef struct
{
  gint64           id;
  const char      *uuid;
  const char      *mrn;

  const char      *legal_name;
  const char      *preferred_name;
  const char      *pronouns;
  const char      *date_of_birth;
  TonicSex         sex;
  const char      *gender;

  const char      *phone_mobile;
  const char      *phone_other;
  const char      *email;

  const char      *address_line1;
  const char      *address_line2;
  const char      *city;
  const char      *region;
  const char      *postcode;

  const char      *emergency_name;
  const char      *emergency_relationship;
  const char      *emergency_phone;

  const char      *referrer_name;
  const char      *referrer_practice;
  const char      *referrer_phone;
  const char      *referrer_email;

  TonicIndication  indications;
  const char      *allergies;
  const char      *note;

  gboolean         archived;
  const char      *created_at;
  const char      *updated_at;

  TonicCoursePhase course_phase;
  const char      *scale_due_on;
  gboolean         safety_alert;
} TonicPatientFields;

#define TONIC_TYPE_PATIENT (tonic_patient_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatient, tonic_patient, TONIC, PATIENT, GObject)

/* An immutable patient, copied from @fields (which the caller keeps).
 * Strings are stored as given (NULL becomes ""); checking is
 * tonic_patient_check()'s job. Read-only properties for list bindings:
 * one per field named as tonic_patient_field_to_string() says, plus "id",
 * "uuid", "archived", "created-at", "updated-at", "display-name",
 * "course-phase" (an int: a TonicCoursePhase), "scale-due-on" and
 * "safety-alert". */
TonicPatient    *tonic_patient_new                (const TonicPatientFields *fields);
/* Fills @out with the patient's values. The strings are borrowed: valid
 * while @self lives. Copy, edit, check, then save a new TonicPatient. */
void             tonic_patient_get_fields         (TonicPatient       *self,
                                                   TonicPatientFields *out);

gint64           tonic_patient_get_id             (TonicPatient *self);
const char      *tonic_patient_get_uuid           (TonicPatient *self);
const char      *tonic_patient_get_mrn            (TonicPatient *self);
const char      *tonic_patient_get_legal_name     (TonicPatient *self);
const char      *tonic_patient_get_preferred_name (TonicPatient *self);
const char      *tonic_patient_get_pronouns       (TonicPatient *self);
/* "YYYY-MM-DD", or "" when not recorded. */
const char      *tonic_patient_get_date_of_birth  (TonicPatient *self);
/* The date of birth as a GDate; FALSE (and @out cleared) when there is
 * none or it is not a date. */
gboolean         tonic_patient_get_birth_date     (TonicPatient *self,
                                                   GDate        *out);
/* Age in completed years on @today (NULL: the local date today); -1 when
 * the date of birth is missing or after @today. */
int              tonic_patient_get_age            (TonicPatient *self,
                                                   const GDate  *today);
TonicSex         tonic_patient_get_sex            (TonicPatient *self);
const char      *tonic_patient_get_gender         (TonicPatient *self);
const char      *tonic_patient_get_phone_mobile   (TonicPatient *self);
const char      *tonic_patient_get_phone_other    (TonicPatient *self);
const char      *tonic_patient_get_email          (TonicPatient *self);
const char      *tonic_patient_get_address_line1  (TonicPatient *self);
const char      *tonic_patient_get_address_line2  (TonicPatient *self);
const char      *tonic_patient_get_city           (TonicPatient *self);
const char      *tonic_patient_get_region         (TonicPatient *self);
const char      *tonic_patient_get_postcode       (TonicPatient *self);
const char      *tonic_patient_get_emergency_name         (TonicPatient *self);
const char      *tonic_patient_get_emergency_relationship (TonicPatient *self);
const char      *tonic_patient_get_emergency_phone        (TonicPatient *self);
const char      *tonic_patient_get_referrer_name     (TonicPatient *self);
const char      *tonic_patient_get_referrer_practice (TonicPatient *self);
const char      *tonic_patient_get_referrer_phone    (TonicPatient *self);
const char      *tonic_patient_get_referrer_email    (TonicPatient *self);
TonicIndication  tonic_patient_get_indications    (TonicPatient *self);
const char      *tonic_patient_get_allergies      (TonicPatient *self);
const char      *tonic_patient_get_note           (TonicPatient *self);
gboolean         tonic_patient_get_archived       (TonicPatient *self);
const char      *tonic_patient_get_created_at     (TonicPatient *self);
const char      *tonic_patient_get_updated_at     (TonicPatient *self);
TonicCoursePhase tonic_patient_get_course_phase   (TonicPatient *self);
/* "YYYY-MM-DD", or "" when no rating scale is due. */
const char      *tonic_patient_get_scale_due_on   (TonicPatient *self);
gboolean         tonic_patient_get_safety_alert   (TonicPatient *self);
/* Whether the plan's primary measure was due before @today (NULL: the
 * local date today): the patient list's "overdue rating scale" flag. */
gboolean         tonic_patient_is_scale_overdue   (TonicPatient *self,
                                                   const GDate  *today);
/* The name to show: tonic_patient_format_display_name() of the legal and
 * preferred names. (g_free()) */
char            *tonic_patient_dup_display_name   (TonicPatient *self);

/* "Preferred (Legal)" when a preferred name is given and differs from the
 * legal name (ignoring case, accents and spacing); otherwise the legal
 * name alone (or the preferred name when there is no legal name). Both
 * trimmed. (g_free()) */
char            *tonic_patient_format_display_name (const char *legal_name,
                                                    const char *preferred_name);

/* Checking (SECURITY.md, "Bad input"). NULL when acceptable, else a
 * translated message to show next to @field (g_free()). @today (NULL: the
 * local date) is what the date of birth is measured against.
 *   mrn: empty (the store assigns one) or a valid MRN
 *   legal-name: required, one line, a letter, ≤ 200; any script
 *   preferred-name, emergency-name, referrer-name: optional names, ≤ 200
 *   date-of-birth: required, exactly "YYYY-MM-DD" (no spaces), not in
 *     the future, not before 1900, an age of at most 120
 *   sex: a known value; indications: known flags
 *   phones: 6-15 digits with any spaces/punctuation and a leading +
 *   e-mails: plausible (tonic_check_email())
 *   postcode ≤ 20, pronouns ≤ 50, other lines ≤ 100 or 200
 *   allergies, note: several lines, ≤ 4000
 *   emergency contact: a name when a phone or relationship is given, and
 *     a phone when a name is given. */
char            *tonic_patient_check_field        (const TonicPatientFields *fields,
                                                   TonicPatientField         field,
                                                   const GDate              *today);
/* Every field in form order: TRUE when all are acceptable; otherwise FALSE
 * with the first failing field in @field and its message in @message
 * (both optional; g_free() the message). */
gboolean         tonic_patient_check              (const TonicPatientFields *fields,
                                                   const GDate              *today,
                                                   TonicPatientField        *field,
                                                   char                    **message);
/* The date-of-birth rules on their own, for a date typed into a form. */
char            *tonic_patient_check_date_of_birth (const char  *date_of_birth,
                                                    const GDate *today);

G_END_DECLS
