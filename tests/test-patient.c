/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient"

#include "config.h"

#include <string.h>

#include "tonic-check.h"
#include "tonic-indication.h"
#include "tonic-medication.h"
#include "tonic-mrn.h"
#include "tonic-patient.h"
#include "tonic-time.h"

/* Names in many scripts; every one must be accepted as a legal name and
 * survive a round trip unchanged. */
static const char *unicode_names[] = {
  "Dana Whitfield",
  "José María de la Cruz y Peña",
  "Siobhán O’Brien-Ní Dhónaill",
  "Zoe\u0308 Jose\u0301 Nu\u0301n\u0303ez",   /* combining accents, decomposed */
  "Анна Каренина",                             /* Cyrillic */
  "Ελευθέριος Βενιζέλος",                      /* Greek */
  "محمد بن عبد الله",                          /* Arabic */
  "מרים בת־שבע",                               /* Hebrew */
  "山田 太郎",                                 /* CJK */
  "王小明",
  "김민준",                                    /* Hangul */
  "देवनागरी नाम",                              /* Devanagari */
  "ராமானுஜன்",                                 /* Tamil */
  "สมชาย ใจดี",                                /* Thai */
  "Nguyễn Thị Minh Khai",                      /* Vietnamese */
  "ნინო ბერიძე",                               /* Georgian */
  "አበበ ቢቂላ",                                  /* Ethiopic */
  "می‌خواهم نام",                              /* Persian with a zero-width non-joiner */
  "X Æ A-12",
  "Ōtsuka Ǆemal",
};

static void
set_today (GDate *date,
           guint  day,
           guint  month,
           guint  year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* A complete, valid patient; tests change one field at a time. */
static void
valid_fields (TonicPatientFields *f)
{
  memset (f, 0, sizeof *f);
  f->id = 42;
  f->uuid = "6a8f1c1e-5b0e-4a43-9f0e-0d6d2f4c9a11";
  f->mrn = "TN-0000012-5";
  f->legal_name = "Samantha Okafor";
  f->preferred_name = "Sam";
  f->pronouns = "she/her";
  f->date_of_birth = "1980-04-03";
  f->sex = TONIC_SEX_FEMALE;
  f->gender = "woman";
  f->phone_mobile = "+44 7700 900123";
  f->phone_other = "020 7946 0958";
  f->email = "sam.okafor@example.org";
  f->address_line1 = "12 Harbour Row";
  f->address_line2 = "Flat 3";
  f->city = "Leeds";
  f->region = "West Yorkshire";
  f->postcode = "LS1 4AB";
  f->emergency_name = "Chidi Okafor";
  f->emergency_relationship = "brother";
  f->emergency_phone = "+44 7700 900456";
  f->referrer_name = "Dr Priya Raman";
  f->referrer_practice = "Kirkgate Surgery";
  f->referrer_phone = "0113 496 0000";
  f->referrer_email = "p.raman@nhs.example";
  f->indications = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | TONIC_INDICATION_PTSD;
  f->allergies = "Penicillin (rash)\nLatex";
  f->note = "Prefers morning appointments.\nNeeds step-free access.";
  f->archived = FALSE;
  f->created_at = "2026-01-05T09:00:00Z";
  f->updated_at = "2026-02-01T10:30:00Z";
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, unit);

  return g_string_free (s, FALSE);
}

/* --- sex ------------------------------------------------------------------ */

static void
test_sex_ids (void)
{
  static const char *ids[] = { "unknown", "female", "male", "intersex" };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == TONIC_N_SEXES);

  for (guint i = 0; i < TONIC_N_SEXES; i++)
    {
      TonicSex sex = 99;

      g_assert_cmpstr (tonic_sex_to_string (i), ==, ids[i]);
      g_assert_true (tonic_sex_from_string (ids[i], &sex));
      g_assert_cmpint (sex, ==, i);
      g_assert_nonnull (tonic_sex_get_label (i));
      g_assert_cmpstr (tonic_sex_get_label (i), !=, "");
    }

  {
    TonicSex sex = TONIC_SEX_MALE;

    g_assert_false (tonic_sex_from_string ("Female", &sex));
    g_assert_false (tonic_sex_from_string ("", &sex));
    g_assert_false (tonic_sex_from_string (NULL, &sex));
    g_assert_cmpint (sex, ==, TONIC_SEX_MALE);
  }
}

/* --- the object ----------------------------------------------------------- */

static void
assert_same_fields (const TonicPatientFields *a,
                    const TonicPatientFields *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpstr (a->mrn, ==, b->mrn);
  g_assert_cmpstr (a->legal_name, ==, b->legal_name);
  g_assert_cmpstr (a->preferred_name, ==, b->preferred_name);
  g_assert_cmpstr (a->pronouns, ==, b->pronouns);
  g_assert_cmpstr (a->date_of_birth, ==, b->date_of_birth);
  g_assert_cmpint (a->sex, ==, b->sex);
  g_assert_cmpstr (a->gender, ==, b->gender);
  g_assert_cmpstr (a->phone_mobile, ==, b->phone_mobile);
  g_assert_cmpstr (a->phone_other, ==, b->phone_other);
  g_assert_cmpstr (a->email, ==, b->email);
  g_assert_cmpstr (a->address_line1, ==, b->address_line1);
  g_assert_cmpstr (a->address_line2, ==, b->address_line2);
  g_assert_cmpstr (a->city, ==, b->city);
  g_assert_cmpstr (a->region, ==, b->region);
  g_assert_cmpstr (a->postcode, ==, b->postcode);
  g_assert_cmpstr (a->emergency_name, ==, b->emergency_name);
  g_assert_cmpstr (a->emergency_relationship, ==, b->emergency_relationship);
  g_assert_cmpstr (a->emergency_phone, ==, b->emergency_phone);
  g_assert_cmpstr (a->referrer_name, ==, b->referrer_name);
  g_assert_cmpstr (a->referrer_practice, ==, b->referrer_practice);
  g_assert_cmpstr (a->referrer_phone, ==, b->referrer_phone);
  g_assert_cmpstr (a->referrer_email, ==, b->referrer_email);
  g_assert_cmpint (a->indications, ==, b->indications);
  g_assert_cmpstr (a->allergies, ==, b->allergies);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_cmpint (a->archived, ==, b->archived);
  g_assert_cmpstr (a->created_at, ==, b->created_at);
  g_assert_cmpstr (a->updated_at, ==, b->updated_at);
}

static void
test_patient_round_trip (void)
{
  TonicPatientFields in, out;
  TonicPatient *patient;
  char *copy = g_strdup ("Samantha Okafor");

  valid_fields (&in);
  in.legal_name = copy;
  patient = tonic_patient_new (&in);
  /* The object keeps its own copies. */
  copy[0] = 'X';
  g_free (copy);
  valid_fields (&in);

  tonic_patient_get_fields (patient, &out);
  assert_same_fields (&in, &out);

  g_assert_cmpint (tonic_patient_get_id (patient), ==, 42);
  g_assert_cmpstr (tonic_patient_get_uuid (patient), ==, in.uuid);
  g_assert_cmpstr (tonic_patient_get_mrn (patient), ==, in.mrn);
  g_assert_cmpstr (tonic_patient_get_legal_name (patient), ==, in.legal_name);
  g_assert_cmpstr (tonic_patient_get_preferred_name (patient), ==, in.preferred_name);
  g_assert_cmpstr (tonic_patient_get_pronouns (patient), ==, in.pronouns);
  g_assert_cmpstr (tonic_patient_get_date_of_birth (patient), ==, in.date_of_birth);
  g_assert_cmpint (tonic_patient_get_sex (patient), ==, in.sex);
  g_assert_cmpstr (tonic_patient_get_gender (patient), ==, in.gender);
  g_assert_cmpstr (tonic_patient_get_phone_mobile (patient), ==, in.phone_mobile);
  g_assert_cmpstr (tonic_patient_get_phone_other (patient), ==, in.phone_other);
  g_assert_cmpstr (tonic_patient_get_email (patient), ==, in.email);
  g_assert_cmpstr (tonic_patient_get_address_line1 (patient), ==, in.address_line1);
  g_assert_cmpstr (tonic_patient_get_address_line2 (patient), ==, in.address_line2);
  g_assert_cmpstr (tonic_patient_get_city (patient), ==, in.city);
  g_assert_cmpstr (tonic_patient_get_region (patient), ==, in.region);
  g_assert_cmpstr (tonic_patient_get_postcode (patient), ==, in.postcode);
  g_assert_cmpstr (tonic_patient_get_emergency_name (patient), ==, in.emergency_name);
  g_assert_cmpstr (tonic_patient_get_emergency_relationship (patient), ==, in.emergency_relationship);
  g_assert_cmpstr (tonic_patient_get_emergency_phone (patient), ==, in.emergency_phone);
  g_assert_cmpstr (tonic_patient_get_referrer_name (patient), ==, in.referrer_name);
  g_assert_cmpstr (tonic_patient_get_referrer_practice (patient), ==, in.referrer_practice);
  g_assert_cmpstr (tonic_patient_get_referrer_phone (patient), ==, in.referrer_phone);
  g_assert_cmpstr (tonic_patient_get_referrer_email (patient), ==, in.referrer_email);
  g_assert_cmpint (tonic_patient_get_indications (patient), ==, in.indications);
  g_assert_cmpstr (tonic_patient_get_allergies (patient), ==, in.allergies);
  g_assert_cmpstr (tonic_patient_get_note (patient), ==, in.note);
  g_assert_false (tonic_patient_get_archived (patient));
  g_assert_cmpstr (tonic_patient_get_created_at (patient), ==, in.created_at);
  g_assert_cmpstr (tonic_patient_get_updated_at (patient), ==, in.updated_at);

  /* A second object from the borrowed fields is the same patient. */
  {
    TonicPatient *again = tonic_patient_new (&out);
    TonicPatientFields out2;

    tonic_patient_get_fields (again, &out2);
    assert_same_fields (&in, &out2);
    g_assert_finalize_object (again);
  }

  g_assert_finalize_object (patient);
}

static void
test_patient_empty_fields (void)
{
  TonicPatientFields f = { 0 };
  TonicPatient *patient = tonic_patient_new (&f);

  g_assert_cmpint (tonic_patient_get_id (patient), ==, 0);
  g_assert_cmpstr (tonic_patient_get_legal_name (patient), ==, "");
  g_assert_cmpstr (tonic_patient_get_note (patient), ==, "");
  g_assert_cmpint (tonic_patient_get_sex (patient), ==, TONIC_SEX_UNKNOWN);
  g_assert_cmpint (tonic_patient_get_indications (patient), ==, TONIC_INDICATION_NONE);
  g_assert_cmpint (tonic_patient_get_age (patient, NULL), ==, -1);
  {
    GDate birth;

    g_assert_false (tonic_patient_get_birth_date (patient, &birth));
    g_assert_false (g_date_valid (&birth));
  }
  g_assert_finalize_object (patient);
}

static void
test_patient_properties (void)
{
  TonicPatientFields f;
  TonicPatient *patient;

  valid_fields (&f);
  f.archived = TRUE;
  patient = tonic_patient_new (&f);

  /* Every form field has a property of the same name. */
  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    {
      const char *name = tonic_patient_field_to_string (i);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (patient), name);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }

  {
    g_autofree char *legal = NULL;
    g_autofree char *email = NULL;
    g_autofree char *display = NULL;
    g_autofree char *dob = NULL;
    g_autofree char *postcode = NULL;
    gint64 id = 0;
    TonicSex sex = TONIC_SEX_UNKNOWN;
    TonicIndication indications = 0;
    gboolean archived = FALSE;

    g_object_get (patient,
                  "id", &id,
                  "legal-name", &legal,
                  "email", &email,
                  "display-name", &display,
                  "date-of-birth", &dob,
                  "postcode", &postcode,
                  "sex", &sex,
                  "indications", &indications,
                  "archived", &archived,
                  NULL);
    g_assert_cmpint (id, ==, 42);
    g_assert_cmpstr (legal, ==, "Samantha Okafor");
    g_assert_cmpstr (email, ==, "sam.okafor@example.org");
    g_assert_cmpstr (display, ==, "Sam (Samantha Okafor)");
    g_assert_cmpstr (dob, ==, "1980-04-03");
    g_assert_cmpstr (postcode, ==, "LS1 4AB");
    g_assert_cmpint (sex, ==, TONIC_SEX_FEMALE);
    g_assert_cmpint (indications, ==, f.indications);
    g_assert_true (archived);
  }

  g_assert_finalize_object (patient);
}

static void
test_patient_unicode_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unicode_names); i++)
    {
      TonicPatientFields f;
      TonicPatient *patient;
      g_autofree char *message = NULL;
      g_autofree char *display = NULL;

      valid_fields (&f);
      f.legal_name = unicode_names[i];
      f.preferred_name = NULL;
      f.emergency_name = unicode_names[i];
      f.referrer_name = unicode_names[i];

      message = tonic_patient_check_field (&f, TONIC_PATIENT_FIELD_LEGAL_NAME, NULL);
      if (message != NULL)
        g_error ("“%s” refused: %s", unicode_names[i], message);
      g_assert_null (tonic_patient_check_field (&f, TONIC_PATIENT_FIELD_EMERGENCY_NAME, NULL));
      g_assert_null (tonic_patient_check_field (&f, TONIC_PATIENT_FIELD_REFERRER_NAME, NULL));

      patient = tonic_patient_new (&f);
      /* Byte for byte: no normalisation of what was typed. */
      g_assert_cmpstr (tonic_patient_get_legal_name (patient), ==, unicode_names[i]);
      display = tonic_patient_dup_display_name (patient);
      g_assert_cmpstr (display, ==, unicode_names[i]);
      g_assert_finalize_object (patient);
    }
}

static void
test_display_name (void)
{
  static const struct
  {
    const char *legal;
    const char *preferred;
    const char *expected;
  } cases[] = {
    { "Samantha Okafor", "Sam", "Sam (Samantha Okafor)" },
    { "Samantha Okafor", "", "Samantha Okafor" },
    { "Samantha Okafor", NULL, "Samantha Okafor" },
    { "Samantha Okafor", "   ", "Samantha Okafor" },
    { "Samantha Okafor", "Samantha Okafor", "Samantha Okafor" },
    /* The same name typed differently is not a different name. */
    { "Samantha Okafor", "samantha  OKAFOR", "Samantha Okafor" },
    { "José Núñez", "Jose Nunez", "José Núñez" },
    { "  Samantha Okafor ", " Sam ", "Sam (Samantha Okafor)" },
    { "Александр Пушкин", "Саша", "Саша (Александр Пушкин)" },
    { "山田 太郎", "Taro", "Taro (山田 太郎)" },
    { "", "Sam", "Sam" },
    { NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = tonic_patient_format_display_name (cases[i].legal, cases[i].preferred);

      g_assert_cmpstr (display, ==, cases[i].expected);
    }
}

static void
test_age (void)
{
  static const struct
  {
    const char *birth;
    guint       day, month, year;   /* today */
    int         age;
  } cases[] = {
    { "1980-04-03", 3, 4, 1980, 0 },
    { "1980-04-03", 2, 4, 1981, 0 },
    { "1980-04-03", 3, 4, 1981, 1 },
    { "1980-04-03", 22, 11, 2026, 46 },
    { "1980-04-03", 2, 4, 2026, 45 },
    { "1980-12-31", 1, 1, 1981, 0 },
    { "1980-12-31", 31, 12, 1981, 1 },
    /* Leap-day birthdays count on 1 March in common years. */
    { "2000-02-29", 28, 2, 2001, 0 },
    { "2000-02-29", 1, 3, 2001, 1 },
    { "2000-02-29", 29, 2, 2004, 4 },
    { "2000-02-29", 28, 2, 2004, 3 },
    { "1905-11-22", 22, 11, 2026, 121 },
    { "1905-11-23", 22, 11, 2026, 120 },
    /* Born after today: no age. */
    { "2027-01-01", 22, 11, 2026, -1 },
    { "", 22, 11, 2026, -1 },
    { "not a date", 22, 11, 2026, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicPatientFields f = { 0 };
      TonicPatient *patient;
      GDate today;

      f.legal_name = "Test";
      f.date_of_birth = cases[i].birth;
      patient = tonic_patient_new (&f);
      set_today (&today, cases[i].day, cases[i].month, cases[i].year);

      g_assert_cmpint (tonic_patient_get_age (patient, &today), ==, cases[i].age);
      g_assert_finalize_object (patient);
    }

  /* Against the real date. */
  {
    TonicPatientFields f = { 0 };
    TonicPatient *patient;
    GDate birth;

    f.date_of_birth = "1980-04-03";
    patient = tonic_patient_new (&f);
    g_assert_true (tonic_patient_get_birth_date (patient, &birth));
    g_assert_cmpint (g_date_get_year (&birth), ==, 1980);
    g_assert_cmpint (g_date_get_month (&birth), ==, 4);
    g_assert_cmpint (g_date_get_day (&birth), ==, 3);
    g_assert_cmpint (tonic_patient_get_age (patient, NULL), >=, 46);
    g_assert_finalize_object (patient);
  }
}

/* --- checking ------------------------------------------------------------- */

static void
test_check_valid (void)
{
  TonicPatientFields f;
  GDate today;
  TonicPatientField field = 99;
  char *message = (char *) "untouched";

  set_today (&today, 22, 11, 2026);
  valid_fields (&f);

  g_assert_true (tonic_patient_check (&f, &today, &field, &message));
  g_assert_null (message);
  g_assert_cmpint (field, ==, 99);

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    g_assert_null (tonic_patient_check_field (&f, i, &today));

  /* The least a patient needs: a legal name and a date of birth. */
  memset (&f, 0, sizeof f);
  f.legal_name = "A";
  f.date_of_birth = "2026-11-22";
  g_assert_true (tonic_patient_check (&f, &today, NULL, NULL));
}

static void
expect_problem (const TonicPatientFields *f,
                TonicPatientField         field,
                const GDate              *today,
                const char               *fragment)
{
  g_autofree char *message = tonic_patient_check_field (f, field, today);

  if (fragment == NULL)
    {
      if (message != NULL)
        g_error ("%s: unexpected message “%s”", tonic_patient_field_to_string (field), message);
      return;
    }

  if (message == NULL)
    g_error ("%s: no message, expected one with “%s”", tonic_patient_field_to_string (field), fragment);
  if (strstr (message, fragment) == NULL)
    g_error ("%s: message “%s” lacks “%s”", tonic_patient_field_to_string (field), message, fragment);
}

static void
test_check_legal_name (void)
{
  g_autofree char *max = repeat ("a", TONIC_PATIENT_NAME_MAX);
  g_autofree char *over = repeat ("a", TONIC_PATIENT_NAME_MAX + 1);
  g_autofree char *max_cjk = repeat ("山", TONIC_PATIENT_NAME_MAX);
  g_autofree char *over_cjk = repeat ("山", TONIC_PATIENT_NAME_MAX + 1);
  g_autofree char *padded = g_strconcat ("   ", max, "   ", NULL);
  const struct
  {
    const char *name;
    const char *fragment;   /* NULL: accepted */
  } cases[] = {
    { "Dana Whitfield", NULL },
    { "A", NULL },
    { "O’Brien", NULL },
    { "  Dana  ", NULL },
    { max, NULL },
    { padded, NULL },        /* counted after trimming */
    { max_cjk, NULL },       /* characters, not bytes */
    { NULL, "legal name" },
    { "", "legal name" },
    { " ", "legal name" },
    { " \t ", "legal name" },
    { "\u3000", "legal name" },          /* ideographic space */
    { "\u200B", "legal name" },          /* zero-width space only */
    { "123", "legal name" },             /* no letter */
    { "--- ...", "legal name" },
    { "Dana\nWhitfield", "single line" },
    { "Dana\rWhitfield", "single line" },
    { "Dana\u2028Whitfield", "single line" },
    { "Dana\tWhitfield", "single line" },
    { "Dana\x01Whitfield", "single line" },
    { "Dana\x7fWhitfield", "single line" },
    { "Dana\xc2\x85" "Whitfield", "single line" },
    { "Dana\u202EdleifithW", "single line" },  /* right-to-left override */
    { "Dana\u2066Whitfield", "single line" },  /* isolate */
    { over, "at most 200" },
    { over_cjk, "at most 200" },
    { "Dana \xff Whitfield", "legal name" },  /* not UTF-8 */
  };
  TonicPatientFields f;

  valid_fields (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      f.legal_name = cases[i].name;
      expect_problem (&f, TONIC_PATIENT_FIELD_LEGAL_NAME, NULL, cases[i].fragment);
    }
}

static void
test_check_date_of_birth (void)
{
  static const struct
  {
    const char *dob;
    guint       day, month, year;   /* today */
    const char *fragment;           /* NULL: accepted */
  } cases[] = {
    { "1980-04-03", 22, 11, 2026, NULL },
    { " 1980-04-03 ", 22, 11, 2026, "real date" },  /* stored exactly as checked */
    { "2026-11-22", 22, 11, 2026, NULL },           /* born today */
    { "2026-11-23", 22, 11, 2026, "future" },
    { "2027-01-01", 22, 11, 2026, "future" },
    { "9999-12-31", 22, 11, 2026, "future" },
    { "2000-02-29", 22, 11, 2026, NULL },
    { "1905-11-23", 22, 11, 2026, NULL },           /* 120 */
    { "1905-11-22", 22, 11, 2026, "over 120" },     /* 121 today */
    { "1901-01-01", 22, 11, 2026, "over 120" },
    { "1900-01-01", 1, 1, 2000, NULL },
    { "1899-12-31", 1, 1, 2000, "1900" },
    { "1899-12-31", 22, 11, 2026, "1900" },         /* the earlier rule speaks first */
    { "1066-10-14", 22, 11, 2026, "1900" },
    { "", 22, 11, 2026, "Enter the date of birth" },
    { "   ", 22, 11, 2026, "Enter the date of birth" },
    { NULL, 22, 11, 2026, "Enter the date of birth" },
    { "1980-02-30", 22, 11, 2026, "real date" },
    { "1900-02-29", 22, 11, 2026, "real date" },
    { "1980-13-01", 22, 11, 2026, "real date" },
    { "1980-00-10", 22, 11, 2026, "real date" },
    { "1980-4-3", 22, 11, 2026, "real date" },
    { "80-04-03", 22, 11, 2026, "real date" },
    { "1980/04/03", 22, 11, 2026, "real date" },
    { "03/04/1980", 22, 11, 2026, "real date" },
    { "1980-04-03T00:00", 22, 11, 2026, "real date" },
    { "１９８０-０４-０３", 22, 11, 2026, "real date" },
    { "yesterday", 22, 11, 2026, "real date" },
  };
  TonicPatientFields f;

  valid_fields (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today;

      set_today (&today, cases[i].day, cases[i].month, cases[i].year);
      f.date_of_birth = cases[i].dob;
      expect_problem (&f, TONIC_PATIENT_FIELD_DATE_OF_BIRTH, &today, cases[i].fragment);
    }

  /* With no date given, today's date is used. */
  f.date_of_birth = "2999-01-01";
  expect_problem (&f, TONIC_PATIENT_FIELD_DATE_OF_BIRTH, NULL, "future");
  f.date_of_birth = "1980-04-03";
  expect_problem (&f, TONIC_PATIENT_FIELD_DATE_OF_BIRTH, NULL, NULL);
}

static void
test_check_email (void)
{
  g_autofree char *long_local = repeat ("a", 65);
  g_autofree char *b250 = repeat ("b", 250);
  g_autofree char *a64 = repeat ("a", 64);
  g_autofree char *too_long = g_strconcat ("a@", b250, ".com", NULL);
  g_autofree char *long_address = g_strconcat (a64, "@example.org", NULL);
  const struct
  {
    const char *email;
    gboolean    ok;
  } cases[] = {
    { NULL, TRUE },
    { "", TRUE },
    { "   ", TRUE },
    { "a@b.co", TRUE },
    { "  a@b.co  ", TRUE },
    { "first.last+tag@example.org", TRUE },
    { "o'brien@example.ie", TRUE },
    { "user_name-1@mail.example-host.co.uk", TRUE },
    { "josé@correo.es", TRUE },
    { "用户@例子.广告", TRUE },
    { "почта@пример.рф", TRUE },
    { "a@b.c1", TRUE },
    { "a", FALSE },
    { "a@", FALSE },
    { "@b.co", FALSE },
    { "a@b", FALSE },
    { "a@@b.co", FALSE },
    { "a@b@c.co", FALSE },
    { "a b@c.de", FALSE },
    { "ab@c .de", FALSE },
    { "a@b..co", FALSE },
    { "a@.b.co", FALSE },
    { "a@b.co.", FALSE },
    { ".a@b.co", FALSE },
    { "a.@b.co", FALSE },
    { "a..b@c.de", FALSE },
    { "a@-b.co", FALSE },
    { "a@b-.co", FALSE },
    { "a@b.123", FALSE },
    { "a@b_c.com", FALSE },
    { "<a@b.co>", FALSE },
    { "Dana <a@b.co>", FALSE },
    { "a@b.co\n", TRUE },        /* trailing white space is trimmed */
    { "a@b.co\nx", FALSE },
    { "a,b@c.de", FALSE },
    { long_local, FALSE },
    { too_long, FALSE },
  };
  TonicPatientFields f;

  valid_fields (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = tonic_check_email (cases[i].email);

      if (cases[i].ok != (message == NULL))
        g_error ("e-mail “%s”: expected %s, got %s", cases[i].email,
                 cases[i].ok ? "ok" : "a message", message ? message : "ok");

      f.email = cases[i].email;
      f.referrer_email = cases[i].email;
      expect_problem (&f, TONIC_PATIENT_FIELD_EMAIL, NULL, cases[i].ok ? NULL : "");
      expect_problem (&f, TONIC_PATIENT_FIELD_REFERRER_EMAIL, NULL, cases[i].ok ? NULL : "");
    }

  /* A 64-character local part is the most allowed. */
  g_assert_null (tonic_check_email (long_address));
}

static void
test_check_phone (void)
{
  const struct
  {
    const char *phone;
    gboolean    ok;
  } cases[] = {
    { NULL, TRUE },
    { "", TRUE },
    { "    ", TRUE },
    { "12345", FALSE },                       /* 5 digits */
    { "123456", TRUE },                       /* 6 */
    { "123456789012345", TRUE },              /* 15 */
    { "1234567890123456", FALSE },            /* 16 */
    { "+1 (555) 123-4567", TRUE },
    { "+44 20 7946 0958", TRUE },
    { "+44 (0)20 7946 0958", TRUE },
    { "020-7946-0958", TRUE },
    { "12.34.56", TRUE },
    { "0412 345 678", TRUE },
    { " +61 4 1234 5678 ", TRUE },
    { "+49/30/1234567", TRUE },
    { "٠١٢٣٤٥٦٧", TRUE },                    /* Arabic-Indic digits */
    { "０９０－１２３４－５６７８", TRUE },    /* full-width */
    { "1+234567", FALSE },                    /* + only in front */
    { "++12345678", FALSE },
    { "+", FALSE },
    { "+ - ( )", FALSE },
    { "123456x", FALSE },
    { "12 34 56 ext 7", FALSE },
    { "call me", FALSE },
    { "1234567\n", TRUE },                    /* trimmed */
    { "123\n4567", FALSE },
    { "123\x01" "4567", FALSE },
    { "+1 555 123 4567 890 12 34", FALSE },   /* 16 digits */
  };
  TonicPatientFields f;

  valid_fields (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      static const TonicPatientField phone_fields[] = {
        TONIC_PATIENT_FIELD_PHONE_MOBILE, TONIC_PATIENT_FIELD_PHONE_OTHER,
        TONIC_PATIENT_FIELD_REFERRER_PHONE,
      };
      g_autofree char *message = tonic_check_phone (cases[i].phone);

      if (cases[i].ok != (message == NULL))
        g_error ("phone “%s”: expected %s, got %s", cases[i].phone,
                 cases[i].ok ? "ok" : "a message", message ? message : "ok");

      f.phone_mobile = f.phone_other = f.referrer_phone = cases[i].phone;
      for (guint k = 0; k < G_N_ELEMENTS (phone_fields); k++)
        expect_problem (&f, phone_fields[k], NULL, cases[i].ok ? NULL : "");

      /* The emergency phone follows the same rules when given. */
      if (cases[i].phone != NULL && strspn (cases[i].phone, " ") != strlen (cases[i].phone))
        {
          f.emergency_phone = cases[i].phone;
          expect_problem (&f, TONIC_PATIENT_FIELD_EMERGENCY_PHONE, NULL, cases[i].ok ? NULL : "");
        }
    }
}

#define MEMBER(name) G_STRUCT_OFFSET (TonicPatientFields, name)

/* Every optional text: its limit, and whether it may span lines. */
static void
test_check_text_limits (void)
{
  static const struct
  {
    TonicPatientField field;
    gsize             offset;
    guint             max;
    gboolean          multiline;
  } cases[] = {
    { TONIC_PATIENT_FIELD_PREFERRED_NAME, MEMBER (preferred_name), TONIC_PATIENT_NAME_MAX, FALSE },
    { TONIC_PATIENT_FIELD_PRONOUNS, MEMBER (pronouns), TONIC_PATIENT_PRONOUNS_MAX, FALSE },
    { TONIC_PATIENT_FIELD_GENDER, MEMBER (gender), TONIC_PATIENT_GENDER_MAX, FALSE },
    { TONIC_PATIENT_FIELD_ADDRESS_LINE1, MEMBER (address_line1), TONIC_PATIENT_ADDRESS_LINE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_ADDRESS_LINE2, MEMBER (address_line2), TONIC_PATIENT_ADDRESS_LINE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_CITY, MEMBER (city), TONIC_PATIENT_PLACE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_REGION, MEMBER (region), TONIC_PATIENT_PLACE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_POSTCODE, MEMBER (postcode), TONIC_PATIENT_POSTCODE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_EMERGENCY_NAME, MEMBER (emergency_name), TONIC_PATIENT_NAME_MAX, FALSE },
    { TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP, MEMBER (emergency_relationship), TONIC_PATIENT_RELATIONSHIP_MAX, FALSE },
    { TONIC_PATIENT_FIELD_REFERRER_NAME, MEMBER (referrer_name), TONIC_PATIENT_NAME_MAX, FALSE },
    { TONIC_PATIENT_FIELD_REFERRER_PRACTICE, MEMBER (referrer_practice), TONIC_PATIENT_PRACTICE_MAX, FALSE },
    { TONIC_PATIENT_FIELD_ALLERGIES, MEMBER (allergies), TONIC_PATIENT_TEXT_MAX, TRUE },
    { TONIC_PATIENT_FIELD_NOTE, MEMBER (note), TONIC_PATIENT_TEXT_MAX, TRUE },
  };

  g_assert_cmpint (TONIC_PATIENT_POSTCODE_MAX, ==, 20);
  g_assert_cmpint (TONIC_PATIENT_TEXT_MAX, ==, 4000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *at_max = repeat ("é", cases[i].max);
      g_autofree char *over_max = repeat ("é", cases[i].max + 1);
      g_autofree char *cjk_at_max = repeat ("名", cases[i].max);
      TonicPatientFields f;
      const char **member;

      valid_fields (&f);
      member = &G_STRUCT_MEMBER (const char *, &f, cases[i].offset);

      g_test_message ("field %s", tonic_patient_field_to_string (cases[i].field));

      *member = at_max;
      expect_problem (&f, cases[i].field, NULL, NULL);
      *member = cjk_at_max;
      expect_problem (&f, cases[i].field, NULL, NULL);
      *member = over_max;
      expect_problem (&f, cases[i].field, NULL, "at most");

      *member = "two\nlines";
      expect_problem (&f, cases[i].field, NULL, cases[i].multiline ? NULL : "single line");
      *member = "tab\there";
      expect_problem (&f, cases[i].field, NULL, cases[i].multiline ? NULL : "single line");
      *member = "windows\r\nlines";
      expect_problem (&f, cases[i].field, NULL, cases[i].multiline ? NULL : "single line");
      *member = "bell\x07";
      expect_problem (&f, cases[i].field, NULL, "control");
      *member = "escape\x1b[31m";
      expect_problem (&f, cases[i].field, NULL, "control");
      *member = "override\u202E";
      expect_problem (&f, cases[i].field, NULL, "control");
      *member = "bad \xc3\x28 utf-8";
      expect_problem (&f, cases[i].field, NULL, "");

      /* Optional: blank is fine — except a contact's name when the rest
       * of the contact is there, tested below. */
      if (cases[i].field != TONIC_PATIENT_FIELD_EMERGENCY_NAME)
        {
          *member = NULL;
          expect_problem (&f, cases[i].field, NULL, NULL);
          *member = "   ";
          expect_problem (&f, cases[i].field, NULL, NULL);
        }

      /* Any script. */
      for (guint k = 0; k < G_N_ELEMENTS (unicode_names); k++)
        {
          if (g_utf8_strlen (unicode_names[k], -1) > cases[i].max)
            continue;
          *member = unicode_names[k];
          expect_problem (&f, cases[i].field, NULL, NULL);
        }
    }

  /* Multi-line texts: trailing new lines and blank lines are fine, and
   * 4000 characters spread over lines too. */
  {
    g_autofree char *lines = repeat ("abc\n", 1000);
    g_autofree char *more = repeat ("abc\n", 1001);
    TonicPatientFields f;

    valid_fields (&f);
    f.note = lines;
    expect_problem (&f, TONIC_PATIENT_FIELD_NOTE, NULL, NULL);
    f.note = more;
    expect_problem (&f, TONIC_PATIENT_FIELD_NOTE, NULL, "at most 4000");
    f.allergies = "\n\nNone known\n";
    expect_problem (&f, TONIC_PATIENT_FIELD_ALLERGIES, NULL, NULL);
  }
}

static void
test_check_emergency_contact (void)
{
  static const struct
  {
    const char *name;
    const char *relationship;
    const char *phone;
    const char *name_fragment;
    const char *phone_fragment;
  } cases[] = {
    { NULL, NULL, NULL, NULL, NULL },                         /* none at all */
    { "Chidi", "brother", "+44 7700 900456", NULL, NULL },
    { "Chidi", NULL, "+44 7700 900456", NULL, NULL },
    { "Chidi", NULL, NULL, NULL, "phone number" },            /* a name needs a phone */
    { "Chidi", "brother", "  ", NULL, "phone number" },
    { NULL, NULL, "+44 7700 900456", "contact’s name", NULL },   /* a phone needs a name */
    { " ", "brother", NULL, "contact’s name", NULL },
    { "Chidi", NULL, "12", NULL, "6 to 15" },
    { "42", NULL, "+44 7700 900456", "contact’s name", NULL },   /* no letter */
  };
  TonicPatientFields f;

  valid_fields (&f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      f.emergency_name = cases[i].name;
      f.emergency_relationship = cases[i].relationship;
      f.emergency_phone = cases[i].phone;
      expect_problem (&f, TONIC_PATIENT_FIELD_EMERGENCY_NAME, NULL, cases[i].name_fragment);
      expect_problem (&f, TONIC_PATIENT_FIELD_EMERGENCY_PHONE, NULL, cases[i].phone_fragment);
      expect_problem (&f, TONIC_PATIENT_FIELD_EMERGENCY_RELATIONSHIP, NULL, NULL);
    }
}

static void
test_check_other_fields (void)
{
  TonicPatientFields f;

  valid_fields (&f);

  /* MRN: empty before the store assigns one, else a valid one. */
  f.mrn = NULL;
  expect_problem (&f, TONIC_PATIENT_FIELD_MRN, NULL, NULL);
  f.mrn = "";
  expect_problem (&f, TONIC_PATIENT_FIELD_MRN, NULL, NULL);
  f.mrn = "tn 0000012 5";
  expect_problem (&f, TONIC_PATIENT_FIELD_MRN, NULL, NULL);
  f.mrn = "TN-0000012-4";
  expect_problem (&f, TONIC_PATIENT_FIELD_MRN, NULL, "medical record number");
  f.mrn = "12345";
  expect_problem (&f, TONIC_PATIENT_FIELD_MRN, NULL, "medical record number");
  valid_fields (&f);

  for (guint sex = 0; sex < TONIC_N_SEXES; sex++)
    {
      f.sex = sex;
      expect_problem (&f, TONIC_PATIENT_FIELD_SEX, NULL, NULL);
    }
  f.sex = (TonicSex) TONIC_N_SEXES;
  expect_problem (&f, TONIC_PATIENT_FIELD_SEX, NULL, "");
  valid_fields (&f);

  f.indications = TONIC_INDICATION_ALL;
  expect_problem (&f, TONIC_PATIENT_FIELD_INDICATIONS, NULL, NULL);
  f.indications = TONIC_INDICATION_NONE;
  expect_problem (&f, TONIC_PATIENT_FIELD_INDICATIONS, NULL, NULL);
  f.indications = (TonicIndication) (1 << TONIC_N_INDICATIONS);
  expect_problem (&f, TONIC_PATIENT_FIELD_INDICATIONS, NULL, "");
}

/* tonic_patient_check() names the first bad field in form order. */
static void
test_check_first_failure (void)
{
  TonicPatientFields f;
  GDate today;
  TonicPatientField field;
  g_autofree char *message = NULL;

  set_today (&today, 22, 11, 2026);

  valid_fields (&f);
  f.note = "bell\x07";
  f.postcode = "123456789012345678901";
  f.date_of_birth = "2030-01-01";
  g_assert_false (tonic_patient_check (&f, &today, &field, &message));
  g_assert_cmpint (field, ==, TONIC_PATIENT_FIELD_DATE_OF_BIRTH);
  g_assert_nonnull (strstr (message, "future"));
  g_clear_pointer (&message, g_free);

  f.date_of_birth = "1980-04-03";
  g_assert_false (tonic_patient_check (&f, &today, &field, &message));
  g_assert_cmpint (field, ==, TONIC_PATIENT_FIELD_POSTCODE);
  g_clear_pointer (&message, g_free);

  f.postcode = "LS1 4AB";
  g_assert_false (tonic_patient_check (&f, &today, &field, &message));
  g_assert_cmpint (field, ==, TONIC_PATIENT_FIELD_NOTE);
  g_clear_pointer (&message, g_free);

  f.legal_name = "";
  g_assert_false (tonic_patient_check (&f, &today, &field, NULL));
  g_assert_cmpint (field, ==, TONIC_PATIENT_FIELD_LEGAL_NAME);
  g_assert_false (tonic_patient_check (&f, &today, NULL, NULL));
}

static void
test_field_ids (void)
{
  static const char *expected[] = {
    "mrn", "legal-name", "preferred-name", "pronouns", "date-of-birth", "sex",
    "gender", "phone-mobile", "phone-other", "email", "address-line1",
    "address-line2", "city", "region", "postcode", "emergency-name",
    "emergency-relationship", "emergency-phone", "referrer-name",
    "referrer-practice", "referrer-phone", "referrer-email", "indications",
    "allergies", "note",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_PATIENT_FIELDS);

  for (guint i = 0; i < TONIC_N_PATIENT_FIELDS; i++)
    g_assert_cmpstr (tonic_patient_field_to_string (i), ==, expected[i]);
}

/* --- indications ---------------------------------------------------------- */

static void
test_indication_ids (void)
{
  static const struct
  {
    TonicIndication indication;
    const char     *id;
  } expected[] = {
    { TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, "treatment-resistant-depression" },
    { TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER, "major-depressive-disorder" },
    { TONIC_INDICATION_BIPOLAR_DEPRESSION, "bipolar-depression" },
    { TONIC_INDICATION_ANXIETY, "anxiety" },
    { TONIC_INDICATION_PTSD, "ptsd" },
    { TONIC_INDICATION_SUICIDAL_IDEATION, "suicidal-ideation" },
    { TONIC_INDICATION_CHRONIC_PAIN, "chronic-pain" },
    { TONIC_INDICATION_OCD, "ocd" },
    { TONIC_INDICATION_SUBSTANCE_USE, "substance-use" },
    { TONIC_INDICATION_OTHER, "other" },
  };
  TonicIndication all = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_INDICATIONS);

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      TonicIndication parsed = 0;

      g_assert_cmpint (tonic_indication_nth (i), ==, expected[i].indication);
      g_assert_cmpstr (tonic_indication_to_string (expected[i].indication), ==, expected[i].id);
      g_assert_true (tonic_indication_from_string (expected[i].id, &parsed));
      g_assert_cmpint (parsed, ==, expected[i].indication);
      g_assert_nonnull (tonic_indication_get_label (expected[i].indication));
      g_assert_cmpstr (tonic_indication_get_label (expected[i].indication), !=, "");
      g_assert_cmpint (all & expected[i].indication, ==, 0);
      all |= expected[i].indication;
    }

  g_assert_cmpint (all, ==, TONIC_INDICATION_ALL);

  {
    TonicIndication parsed = TONIC_INDICATION_OCD;

    g_assert_false (tonic_indication_from_string ("PTSD", &parsed));
    g_assert_false (tonic_indication_from_string ("", &parsed));
    g_assert_false (tonic_indication_from_string (NULL, &parsed));
    g_assert_cmpint (parsed, ==, TONIC_INDICATION_OCD);
  }

  /* The flags type knows every value. */
  {
    GFlagsClass *klass = g_type_class_ref (TONIC_TYPE_INDICATION);

    g_assert_cmpuint (klass->n_values, ==, TONIC_N_INDICATIONS);
    g_assert_cmpuint (klass->mask, ==, TONIC_INDICATION_ALL);
    g_type_class_unref (klass);
  }
}

static void
test_indication_masks (void)
{
  /* Every one of the 1024 sets survives a round trip. */
  for (guint mask = 0; mask <= TONIC_INDICATION_ALL; mask++)
    {
      g_autofree char *text = tonic_indication_format_mask (mask);
      g_autofree char *labels = tonic_indication_format_labels (mask);
      TonicIndication parsed = 0;

      g_assert_true (tonic_indication_parse_mask (text, &parsed));
      g_assert_cmpint (parsed, ==, mask);
      g_assert_true ((*text == '\0') == (mask == 0));
      g_assert_true ((*labels == '\0') == (mask == 0));
      g_assert_null (strchr (text, ' '));
    }

  {
    static const struct
    {
      TonicIndication mask;
      const char     *text;
    } formatted[] = {
      { TONIC_INDICATION_NONE, "" },
      { TONIC_INDICATION_PTSD, "ptsd" },
      { TONIC_INDICATION_CHRONIC_PAIN | TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION,
        "treatment-resistant-depression,chronic-pain" },
      { TONIC_INDICATION_OTHER | TONIC_INDICATION_ANXIETY | TONIC_INDICATION_OCD,
        "anxiety,ocd,other" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (formatted); i++)
      {
        g_autofree char *text = tonic_indication_format_mask (formatted[i].mask);

        g_assert_cmpstr (text, ==, formatted[i].text);
      }
  }

  {
    static const struct
    {
      const char     *text;
      gboolean        all_known;
      TonicIndication mask;
    } parsed[] = {
      { NULL, TRUE, 0 },
      { "", TRUE, 0 },
      { " , ,", TRUE, 0 },
      { "ptsd", TRUE, TONIC_INDICATION_PTSD },
      { " ptsd , anxiety ", TRUE, TONIC_INDICATION_PTSD | TONIC_INDICATION_ANXIETY },
      { "anxiety,ptsd,anxiety", TRUE, TONIC_INDICATION_PTSD | TONIC_INDICATION_ANXIETY },
      { "ptsd,,ocd,", TRUE, TONIC_INDICATION_PTSD | TONIC_INDICATION_OCD },
      { "ptsd,long-covid", FALSE, TONIC_INDICATION_PTSD },
      { "PTSD", FALSE, 0 },
      { "ptsd;ocd", FALSE, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (parsed); i++)
      {
        TonicIndication mask = TONIC_INDICATION_ALL;

        g_assert_cmpint (tonic_indication_parse_mask (parsed[i].text, &mask), ==, parsed[i].all_known);
        g_assert_cmpint (mask, ==, parsed[i].mask);
      }
  }

  {
    g_autofree char *labels = tonic_indication_format_labels (TONIC_INDICATION_PTSD |
                                                              TONIC_INDICATION_CHRONIC_PAIN);

    g_assert_cmpstr (labels, ==, "PTSD, Chronic pain");
  }
}

static void
test_indication_suicide_screen (void)
{
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      TonicIndication one = tonic_indication_nth (i);
      gboolean expected = one == TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION ||
                          one == TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER ||
                          one == TONIC_INDICATION_BIPOLAR_DEPRESSION ||
                          one == TONIC_INDICATION_SUICIDAL_IDEATION;

      g_assert_cmpint (tonic_indication_needs_suicide_screen (one), ==, expected);
      g_assert_cmpint (tonic_indication_needs_suicide_screen (one | TONIC_INDICATION_CHRONIC_PAIN), ==, expected);
    }

  g_assert_false (tonic_indication_needs_suicide_screen (TONIC_INDICATION_NONE));
  g_assert_true (tonic_indication_needs_suicide_screen (TONIC_INDICATION_ALL));
}

/* --- medications ---------------------------------------------------------- */

#define MAOI      TONIC_DRUG_CLASS_MAOI
#define BENZO     TONIC_DRUG_CLASS_BENZODIAZEPINE
#define SEDATIVE  TONIC_DRUG_CLASS_OTHER_SEDATIVE
#define STIMULANT TONIC_DRUG_CLASS_STIMULANT

static void
test_medication_suggestions (void)
{
  static const struct
  {
    const char     *name;
    TonicDrugClass  expected;
  } cases[] = {
    /* MAOIs */
    { "phenelzine", MAOI },
    { "Nardil 15 mg three times a day", MAOI },
    { "TRANYLCYPROMINE", MAOI },
    { "Parnate", MAOI },
    { "isocarboxazid (Marplan)", MAOI },
    { "Selegiline transdermal", MAOI },
    { "Emsam patch 6 mg/24 h", MAOI },
    { "moclobemide", MAOI },
    { "Rasagiline", MAOI },
    { "linezolid", MAOI },
    { "Methylene blue", MAOI },
    { "methylene", TONIC_DRUG_CLASS_NONE },
    /* Benzodiazepines */
    { "Lorazepam 1 mg", BENZO },
    { "lorazepam", BENZO },
    { "LORAZÉPAM", BENZO },
    { "Ｌｏｒａｚｅｐａｍ", BENZO },
    { "Ativan", BENZO },
    { "alprazolam XR", BENZO },
    { "Xanax", BENZO },
    { "clonazepam 0.5mg", BENZO },
    { "Klonopin", BENZO },
    { "diazepam", BENZO },
    { "Valium", BENZO },
    { "temazepam", BENZO },
    { "midazolam", BENZO },
    { "clobazam", BENZO },
    /* Other sedatives */
    { "zolpidem", SEDATIVE },
    { "Ambien CR", SEDATIVE },
    { "zopiclone 7.5 mg", SEDATIVE },
    { "eszopiclone", SEDATIVE },
    { "quetiapine (sedating dose)", SEDATIVE },
    { "Seroquel", SEDATIVE },
    { "gabapentin", SEDATIVE },
    { "Pregabalin", SEDATIVE },
    { "oxycodone", SEDATIVE },
    { "Percocet", SEDATIVE },
    { "tramadol", SEDATIVE },
    { "buprenorphine/naloxone", SEDATIVE },
    { "Suboxone film", SEDATIVE },
    { "methadone", SEDATIVE },
    { "morphine sulfate", SEDATIVE },
    { "hydroxyzine", SEDATIVE },
    { "phenobarbital", SEDATIVE },
    { "sodium oxybate", SEDATIVE },
    { "suvorexant", SEDATIVE },
    /* Stimulants */
    { "methylphenidate", STIMULANT },
    { "Ritalin LA", STIMULANT },
    { "Concerta 36 mg", STIMULANT },
    { "Adderall XR 20 mg", STIMULANT },
    { "mixed amphetamine salts", STIMULANT },
    { "dextroamphetamine", STIMULANT },
    { "Dexamfetamine", STIMULANT },
    { "lisdexamfetamine", STIMULANT },
    { "Vyvanse", STIMULANT },
    { "Elvanse", STIMULANT },
    { "modafinil", STIMULANT },
    { "Armodafinil", STIMULANT },
    /* Combinations add up. */
    { "zolpidem + lorazepam", SEDATIVE | BENZO },
    { "phenelzine, clonazepam, methylphenidate", MAOI | BENZO | STIMULANT },
    /* Whole words only. */
    { "lorazepamx", TONIC_DRUG_CLASS_NONE },
    { "xlorazepam", TONIC_DRUG_CLASS_NONE },
    { "amphetamines", TONIC_DRUG_CLASS_NONE },
    /* Not on the list: no suggestion (which is not "safe"). */
    { "sertraline", TONIC_DRUG_CLASS_NONE },
    { "Trazodone 50 mg", TONIC_DRUG_CLASS_NONE },
    { "mirtazapine", TONIC_DRUG_CLASS_NONE },
    { "lithium", TONIC_DRUG_CLASS_NONE },
    { "naltrexone", TONIC_DRUG_CLASS_NONE },
    { "", TONIC_DRUG_CLASS_NONE },
    { "   ", TONIC_DRUG_CLASS_NONE },
    { NULL, TONIC_DRUG_CLASS_NONE },
    { "\xff\xfe", TONIC_DRUG_CLASS_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicDrugClass got = tonic_medication_suggest_classes (cases[i].name);

      if (got != cases[i].expected)
        g_error ("“%s”: suggested %#x, expected %#x", cases[i].name, got, cases[i].expected);
    }
}

static void
test_drug_classes (void)
{
  static const struct
  {
    TonicDrugClass  klass;
    const char     *id;
  } expected[] = {
    { MAOI, "maoi" },
    { BENZO, "benzodiazepine" },
    { SEDATIVE, "other-sedative" },
    { STIMULANT, "stimulant" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_DRUG_CLASSES);

  for (guint i = 0; i < TONIC_N_DRUG_CLASSES; i++)
    {
      TonicDrugClass parsed = 0;

      g_assert_cmpint (tonic_drug_class_nth (i), ==, expected[i].klass);
      g_assert_cmpstr (tonic_drug_class_to_string (expected[i].klass), ==, expected[i].id);
      g_assert_true (tonic_drug_class_from_string (expected[i].id, &parsed));
      g_assert_cmpint (parsed, ==, expected[i].klass);
      g_assert_cmpstr (tonic_drug_class_get_label (expected[i].klass), !=, "");
    }

  for (guint mask = 0; mask <= TONIC_DRUG_CLASS_ALL; mask++)
    {
      g_autofree char *text = tonic_drug_class_format_mask (mask);
      TonicDrugClass parsed = 0;

      g_assert_true (tonic_drug_class_parse_mask (text, &parsed));
      g_assert_cmpint (parsed, ==, mask);
    }

  {
    g_autofree char *text = tonic_drug_class_format_mask (STIMULANT | MAOI);
    TonicDrugClass parsed = 0;

    g_assert_cmpstr (text, ==, "maoi,stimulant");
    g_assert_false (tonic_drug_class_parse_mask ("maoi,opioid", &parsed));
    g_assert_cmpint (parsed, ==, MAOI);
  }
}

static void
test_medication_object (void)
{
  TonicMedication *medication = tonic_medication_new (7, "Lorazépam", "1 mg at night", BENZO);
  g_autofree char *name = NULL;
  TonicDrugClass classes = 0;

  g_assert_cmpint (tonic_medication_get_id (medication), ==, 7);
  g_assert_cmpstr (tonic_medication_get_name (medication), ==, "Lorazépam");
  g_assert_cmpstr (tonic_medication_get_dose (medication), ==, "1 mg at night");
  g_assert_cmpint (tonic_medication_get_classes (medication), ==, BENZO);

  g_object_get (medication, "name", &name, "classes", &classes, NULL);
  g_assert_cmpstr (name, ==, "Lorazépam");
  g_assert_cmpint (classes, ==, BENZO);
  g_assert_finalize_object (medication);

  /* The stored flags are the clinician's, whatever the name suggests. */
  medication = tonic_medication_new (0, "Lorazepam", NULL, TONIC_DRUG_CLASS_NONE);
  g_assert_cmpint (tonic_medication_get_classes (medication), ==, TONIC_DRUG_CLASS_NONE);
  g_assert_cmpstr (tonic_medication_get_dose (medication), ==, "");
  g_assert_finalize_object (medication);

  {
    g_autofree char *over = repeat ("a", TONIC_MEDICATION_NAME_MAX + 1);
    char *message;

    g_assert_null (tonic_medication_check_name ("Sertraline"));
    g_assert_null (tonic_medication_check_name ("氟西汀"));
    g_assert_nonnull ((message = tonic_medication_check_name ("")));
    g_free (message);
    g_assert_nonnull ((message = tonic_medication_check_name ("  ")));
    g_free (message);
    g_assert_nonnull ((message = tonic_medication_check_name (over)));
    g_free (message);
    g_assert_nonnull ((message = tonic_medication_check_name ("a\nb")));
    g_free (message);
    g_assert_null (tonic_medication_check_dose (NULL));
    g_assert_null (tonic_medication_check_dose (""));
    g_assert_null (tonic_medication_check_dose ("20 mg twice a day"));
    g_assert_nonnull ((message = tonic_medication_check_dose ("20 mg\ntwice")));
    g_free (message);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/patient/sex/ids", test_sex_ids);
  g_test_add_func ("/patient/field-ids", test_field_ids);
  g_test_add_func ("/patient/object/round-trip", test_patient_round_trip);
  g_test_add_func ("/patient/object/empty", test_patient_empty_fields);
  g_test_add_func ("/patient/object/properties", test_patient_properties);
  g_test_add_func ("/patient/object/unicode", test_patient_unicode_round_trip);
  g_test_add_func ("/patient/display-name", test_display_name);
  g_test_add_func ("/patient/age", test_age);
  g_test_add_func ("/patient/check/valid", test_check_valid);
  g_test_add_func ("/patient/check/legal-name", test_check_legal_name);
  g_test_add_func ("/patient/check/date-of-birth", test_check_date_of_birth);
  g_test_add_func ("/patient/check/email", test_check_email);
  g_test_add_func ("/patient/check/phone", test_check_phone);
  g_test_add_func ("/patient/check/text-limits", test_check_text_limits);
  g_test_add_func ("/patient/check/emergency-contact", test_check_emergency_contact);
  g_test_add_func ("/patient/check/other-fields", test_check_other_fields);
  g_test_add_func ("/patient/check/first-failure", test_check_first_failure);
  g_test_add_func ("/indication/ids", test_indication_ids);
  g_test_add_func ("/indication/masks", test_indication_masks);
  g_test_add_func ("/indication/suicide-screen", test_indication_suicide_screen);
  g_test_add_func ("/medication/suggestions", test_medication_suggestions);
  g_test_add_func ("/medication/classes", test_drug_classes);
  g_test_add_func ("/medication/object", test_medication_object);

  return g_test_run ();
}
