/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sample"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tonic-keyring.h"
#include "tonic-mrn.h"
#include "tonic-password.h"
#include "tonic-practice-dir.h"
#include "tonic-recovery-key.h"
#include "tonic-sample-lib.h"
#include "tonic-sample-private.h"
#include "tonic-search.h"

/* How the sample is made.
 *
 * Patients come from one GRand stream seeded with the seed, one patient
 * after another; appointments from a second stream (seed-derived), planned
 * before any patient is made: a pool of patients on the board is drawn
 * first. The first of them (TONIC_SAMPLE_MIN_COURSES … _MAX_COURSES) have
 * a course of treatment whose session days are laid out by its protocol
 * (twice a week in induction, then boosters) around today; the rest are
 * being assessed. Then every working day from days_back before today to
 * days_ahead after it is filled, the four chairs side by side from 08:00
 * to 18:00, with that day's sessions among consultations and follow-ups of
 * pool patients. Patients in the pool are never archived. Past visits are
 * mostly discharged (a few no-shows and cancellations), future ones
 * scheduled (a few cancelled).
 *
 * A session happened when its appointment was discharged (or, today, is
 * under way), and on every course day before days_back; its content (the
 * plans, doses, vitals and scores: tonic-sample-course.c) comes from a
 * third stream, drawn as each course's patient is made. The sample is
 * written through the store's own calls, as the staff would: patients
 * and appointments by import, then each course as the sample clinician.
 *
 * Today is always a working day, so the board is never empty, and it is
 * built around a "board clock" (the real time between 09:30 and 15:30,
 * else 11:30) so that every state is on it: see plan_today(). Today's
 * states follow the clock: visits that ended before it are discharged,
 * those under way in chair or in recovery, the next one has arrived, the
 * rest are scheduled. The recorded times of today's changes are never
 * after the clock and are shifted by (now − board clock) when the clock is
 * ahead of the real time, so none is in the future and the board's timers
 * read like a busy morning. */

#define BATCH_SIZE          5000
#define POOL_MAX            150
#define DAY_START_MINUTES   (8 * 60)
#define DAY_END_MINUTES     (18 * 60)
#define BOARD_EARLIEST      (9 * 60 + 30)
#define BOARD_LATEST        (15 * 60 + 30)
#define BOARD_DEFAULT       (11 * 60 + 30)

static const TonicSampleStaff sample_staff[] = {
  { TONIC_SAMPLE_ADMIN_USERNAME, "Jordan Ellis", TONIC_ROLE_ADMIN },
  { "clinician", "Dr. Amara Okonkwo", TONIC_ROLE_CLINICIAN },
  { "nurse", "Sofía Marín", TONIC_ROLE_NURSE },
  { "frontdesk", "Tomás Byrne", TONIC_ROLE_FRONT_DESK },
};

/* -- Parsed name lists -------------------------------------------------------- */

typedef struct
{
  const char *native;
  const char *latin;    /* the native form when the script is Latin */
  const char *nick;     /* or NULL */
  const char *email;    /* ASCII letters of the Latin form, lower case */
} Name;

typedef struct
{
  Name male;
  Name female;          /* the same as male when the name does not change */
} Family;

typedef struct
{
  const SampleCulture *culture;
  Name                *female;
  guint                n_female;
  Name                *male;
  guint                n_male;
  Family              *family;
  guint                n_family;
} Culture;

static Culture *cultures;

/* Kept for the life of the process: the lists are static. (Not GLib's
 * quarks: past 2048 of them GLib drops its first block of quark strings
 * unfreed, a leak the sanitizer build reports.) */
static const char *
intern (const char *text)
{
  static GStringChunk *names;

  if (text == NULL)
    return NULL;
  if (names == NULL)
    names = g_string_chunk_new (4096);
  return g_string_chunk_insert_const (names, text);
}

static char *
email_form (const char *latin)
{
  g_autofree char *folded = tonic_search_fold (latin);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static Name
parse_name (const char *entry)
{
  g_auto(GStrv) nick_split = g_strsplit (entry, "|", 2);
  g_auto(GStrv) latin_split = g_strsplit (nick_split[0], "=", 2);
  g_autofree char *email = NULL;
  Name name;

  name.native = intern (latin_split[0]);
  name.latin = intern (latin_split[1] ? latin_split[1] : latin_split[0]);
  name.nick = intern (nick_split[1]);
  email = email_form (name.latin);
  name.email = intern (email);

  return name;
}

static void
parse_names (const char *const *list,
             Name              **out,
             guint              *n_out)
{
  guint n = _tonic_sample_list_length (list);

  *out = g_new0 (Name, n);
  *n_out = n;
  for (guint i = 0; i < n; i++)
    (*out)[i] = parse_name (list[i]);
}

static void
parse_families (const char *const *list,
                Family            **out,
                guint              *n_out)
{
  guint n = _tonic_sample_list_length (list);

  *out = g_new0 (Family, n);
  *n_out = n;
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) forms = g_strsplit (list[i], "/", 2);

      (*out)[i].male = parse_name (forms[0]);
      (*out)[i].female = forms[1] ? parse_name (forms[1]) : (*out)[i].male;
    }
}

static void
ensure_cultures (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      Culture *table = g_new0 (Culture, _tonic_sample_n_cultures);

      for (guint i = 0; i < _tonic_sample_n_cultures; i++)
        {
          const SampleCulture *culture = &_tonic_sample_cultures[i];

          table[i].culture = culture;
          parse_names (culture->female, &table[i].female, &table[i].n_female);
          parse_names (culture->male, &table[i].male, &table[i].n_male);
          parse_families (culture->family, &table[i].family, &table[i].n_family);
        }

      cultures = table;
      g_once_init_leave (&once, 1);
    }
}

/* -- Small helpers ------------------------------------------------------------ */

/* @text without combining marks (accents, tone marks, underdots), case
 * kept: "Fọláṣadé" → "Folasade". (g_free()) */
static char *
strip_marks (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }

  {
    char *composed = g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);

    g_string_free (out, TRUE);
    return composed;
  }
}

/* Adds @text to the strings freed after the patient is made. */
static const char *
keep (GPtrArray *strings,
      char      *text)
{
  g_ptr_array_add (strings, text);
  return text;
}

static gboolean
is_latin (const char *text)
{
  return text != NULL && g_utf8_get_char (text) < 0x0250;
}

/* -- Names -------------------------------------------------------------------- */

typedef struct
{
  gboolean latin;   /* written in Latin letters */
  gboolean plain;   /* without accents and tone marks */
} Writing;

typedef struct
{
  char       *legal;
  char       *preferred;
  const char *email_given;
  const char *email_family;
  const Culture *culture;
  guint       family_index;
} PersonName;

static void
person_name_clear (PersonName *name)
{
  g_clear_pointer (&name->legal, g_free);
  g_clear_pointer (&name->preferred, g_free);
}

static char *
written (const Name    *name,
         const Writing *writing)
{
  const char *text = writing->latin ? name->latin : name->native;

  return writing->plain ? strip_marks (text) : g_strdup (text);
}

static const Name *
pick_given (GRand         *rand,
            const Culture *culture,
            gboolean       female)
{
  return female ? &culture->female[pick (rand, culture->n_female)]
                : &culture->male[pick (rand, culture->n_male)];
}

static void
pick_writing (GRand         *rand,
              const Culture *culture,
              Writing       *writing)
{
  const SampleCulture *c = culture->culture;

  writing->latin = c->latin_percent == 0 || pick (rand, 100) < c->latin_percent;
  writing->plain = c->plain_percent > 0 && pick (rand, 100) < c->plain_percent;
}

/* A full name of @culture. @family_index: the family to use (a relative),
 * or -1 for any. */
static void
make_name (GRand         *rand,
           const Culture *culture,
           gboolean       female,
           const Writing *writing,
           int            family_index,
           PersonName    *out)
{
  const SampleCulture *c = culture->culture;
  const Name *given = pick_given (rand, culture, female);
  guint f = family_index >= 0 ? (guint) family_index : pick (rand, culture->n_family);
  const Family *family_entry = &culture->family[f];
  const Name *family = female ? &family_entry->female : &family_entry->male;
  g_autofree char *given_text = written (given, writing);
  g_autofree char *family_text = written (family, writing);
  GString *legal = g_string_new (NULL);

  out->culture = culture;
  out->family_index = f;
  out->email_given = given->email;
  out->email_family = family->email;
  out->preferred = NULL;

  if (c->hispanic)
    {
      g_string_append (legal, given_text);
      if (chance (rand, 150))
        {
          g_autofree char *second = written (pick_given (rand, culture, female), writing);

          if (!g_str_equal (second, given_text))
            g_string_append_printf (legal, " %s", second);
        }
      g_string_append_printf (legal, " %s", family_text);
      if (chance (rand, 700))
        {
          g_autofree char *second = written (&culture->family[pick (rand, culture->n_family)].male,
                                             writing);

          if (!g_str_equal (second, family_text))
            g_string_append_printf (legal, " %s", second);
        }
    }
  else if (writing->latin && c->order != SAMPLE_ORDER_GIVEN_FAMILY && c->middle_female == NULL)
    {
      /* Chinese and Japanese names spelled in Latin letters: given first. */
      g_string_append_printf (legal, "%s %s", given_text, family_text);
    }
  else
    {
      switch (c->order)
        {
        case SAMPLE_ORDER_GIVEN_FAMILY:
          g_string_append_printf (legal, "%s %s", given_text, family_text);
          break;
        case SAMPLE_ORDER_FAMILY_GIVEN:
          g_string_append (legal, family_text);
          if (c->middle_female != NULL && chance (rand, 850))
            {
              const char *const *middles = female ? c->middle_female : c->middle_male;
              const char *middle = pick_string (rand, middles);

              if (writing->plain)
                {
                  g_autofree char *plain = strip_marks (middle);
                  g_string_append_printf (legal, " %s", plain);
                }
              else
                {
                  g_string_append_printf (legal, " %s", middle);
                }
            }
          g_string_append_printf (legal, " %s", given_text);
          break;
        case SAMPLE_ORDER_FAMILY_GIVEN_JOINED:
          g_string_append_printf (legal, "%s%s", family_text, given_text);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  out->legal = g_string_free (legal, FALSE);

  /* The preferred name: an everyday form, an adopted English name, or
   * the Latin spelling of a name written in another script. */
  {
    guint roll = (guint) g_rand_int_range (rand, 0, 100);

    if (given->nick != NULL && roll < 30 && (!writing->latin || is_latin (given->nick)))
      out->preferred = writing->plain ? strip_marks (given->nick) : g_strdup (given->nick);
    else if (c->adopted_female != NULL && roll < 40)
      out->preferred = g_strdup (pick_string (rand, female ? c->adopted_female : c->adopted_male));
    else if (!writing->latin && roll < 50)
      out->preferred = g_strdup (given->latin);
  }
}

static const Culture *
pick_culture (GRand *rand)
{
  guint roll = pick (rand, 1000);

  for (guint i = 0; i < _tonic_sample_n_cultures; i++)
    {
      if (roll < cultures[i].culture->weight)
        return &cultures[i];
      roll -= cultures[i].culture->weight;
    }

  return &cultures[0];
}

/* -- Contact details ------------------------------------------------------------ */

static char *
make_phone (GRand *rand)
{
  static const char *const areas[] = {
    "951", "951", "951", "909", "760", "714", "626", "562", NULL
  };
  const char *area = pick_string (rand, areas);
  guint line = pick (rand, 10000);

  switch (pick (rand, 5))
    {
    case 0:
      return g_strdup_printf ("%s-555-%04u", area, line);
    case 1:
      return g_strdup_printf ("+1 %s 555 %04u", area, line);
    default:
      return g_strdup_printf ("(%s) 555-%04u", area, line);
    }
}

static char *
make_email (GRand            *rand,
            const PersonName *name)
{
  static const char *const domains[] = {
    "example.com", "example.com", "example.org", "example.net", "mail.example.com", NULL
  };
  const char *domain = pick_string (rand, domains);
  const char *given = *name->email_given ? name->email_given : "patient";
  const char *family = *name->email_family ? name->email_family : "sample";

  switch (pick (rand, 6))
    {
    case 0:
      return g_strdup_printf ("%s%s@%s", given, family, domain);
    case 1:
      return g_strdup_printf ("%c.%s@%s", given[0], family, domain);
    case 2:
      return g_strdup_printf ("%s.%s%02u@%s", given, family, pick (rand, 100), domain);
    case 3:
      return g_strdup_printf ("%s_%s@%s", family, given, domain);
    default:
      return g_strdup_printf ("%s.%s@%s", given, family, domain);
    }
}

/* -- Clinical details ------------------------------------------------------------- */

static TonicIndication
make_indications (GRand *rand)
{
  guint roll = pick (rand, 1000);
  TonicIndication mask;

  /* CLINICAL.md: mostly depression of some kind, then PTSD, anxiety, pain. */
  if (roll < 380)
    mask = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
  else if (roll < 580)
    mask = TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
  else if (roll < 650)
    mask = TONIC_INDICATION_BIPOLAR_DEPRESSION;
  else if (roll < 770)
    mask = TONIC_INDICATION_PTSD;
  else if (roll < 850)
    mask = TONIC_INDICATION_ANXIETY;
  else if (roll < 940)
    mask = TONIC_INDICATION_CHRONIC_PAIN;
  else if (roll < 960)
    mask = TONIC_INDICATION_OCD;
  else if (roll < 980)
    mask = TONIC_INDICATION_SUBSTANCE_USE;
  else
    mask = TONIC_INDICATION_OTHER;

  if (mask & (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION |
              TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER |
              TONIC_INDICATION_BIPOLAR_DEPRESSION))
    {
      if (chance (rand, 250))
        mask |= TONIC_INDICATION_ANXIETY;
      if (chance (rand, 120))
        mask |= TONIC_INDICATION_SUICIDAL_IDEATION;
      if (chance (rand, 80))
        mask |= TONIC_INDICATION_PTSD;
    }
  else if (mask & (TONIC_INDICATION_PTSD | TONIC_INDICATION_CHRONIC_PAIN))
    {
      if (chance (rand, 250))
        mask |= TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
    }

  return mask;
}

/* -- The appointment plan ------------------------------------------------------ */

/* A patient under treatment or being assessed: on the board. A course's
 * sessions are planned first (its days), then booked on the days the
 * appointments cover. */
typedef struct
{
  guint                  index;
  SampleCourseKind       kind;          /* NONE: consultations only */
  TonicSampleShowcase    showcase;
  TonicSampleTrajectory  trajectory;
  gboolean               ended;
  int                    booster_days;
  GArray                *days;          /* int: session days from today, oldest first */
  GPtrArray             *visits;        /* per day: its Planned, or NULL (not booked) */
} PoolPatient;

typedef struct
{
  PoolPatient *patient;
  guint        day;                     /* index into its days */
} Booking;

typedef struct
{
  guint                  patient;      /* the patient's index */
  int                    day;          /* days from today */
  GDateTime             *start;
  int                    chair;
  TonicAppointmentType   type;
  int                    minutes;
  int                    treatment;    /* minutes in the chair before recovery */
  TonicAppointmentState  state;
  GDateTime             *state_changed_at;
  GDateTime             *arrived_at;
  GDateTime             *in_chair_at;
  GDateTime             *recovery_at;
  GDateTime             *discharged_at;
  const char            *note;
  gboolean               nurse;        /* staffed by the nurse, else the clinician */
  gboolean               anchor;       /* today's board: the state the clock gives */
  TonicAppointment      *made;         /* while its patient's batch is made */
} Planned;

static void
planned_free (gpointer data)
{
  Planned *planned = data;

  g_clear_pointer (&planned->start, g_date_time_unref);
  g_clear_pointer (&planned->state_changed_at, g_date_time_unref);
  g_clear_pointer (&planned->arrived_at, g_date_time_unref);
  g_clear_pointer (&planned->in_chair_at, g_date_time_unref);
  g_clear_pointer (&planned->recovery_at, g_date_time_unref);
  g_clear_pointer (&planned->discharged_at, g_date_time_unref);
  g_free (planned);
}

struct _TonicSampleGenerator
{
  TonicSampleOptions  options;
  GRand              *rand;         /* patients */
  GRand              *plan_rand;    /* appointments and the courses' days */
  GRand              *course_rand;  /* plans and sessions */
  GDateTime          *now;          /* local */
  GDate               today;
  GDateTime          *board_now;    /* today's board is documented up to here */

  gint64              clinician_id;
  gint64              nurse_id;

  PoolPatient        *pool;
  guint               n_pool;
  guint               n_courses;    /* the first of the pool have a course */
  GHashTable         *in_pool;      /* index + 1 → PoolPatient */
  PoolPatient        *showcase[TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN + 1];

  GPtrArray          *plan;         /* of Planned, by patient index */
  guint               next_planned;
  GPtrArray          *courses;      /* of TonicSampleCourse, by patient index */

  guint               n_done;
  guint               n_archived;
  guint               n_appointments;
  guint               n_today;
};

static GDateTime *
local_time (const GDate *date,
            int          minutes)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), minutes / 60, minutes % 60, 0);
}

static GDateTime *
add_minutes (GDateTime *time,
             int        minutes)
{
  return g_date_time_add_minutes (time, minutes);
}

/* The date @day days from today. */
static GDate
date_of_day (TonicSampleGenerator *self,
             int                   day)
{
  GDate date = self->today;

  if (day < 0)
    g_date_subtract_days (&date, (guint) -day);
  else
    g_date_add_days (&date, (guint) day);

  return date;
}

static gboolean
is_weekend_day (TonicSampleGenerator *self,
                int                   day)
{
  GDate date = date_of_day (self, day);
  GDateWeekday weekday = g_date_get_weekday (&date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

/* @day, or the working day before (or after) it. */
static int
snap_back (TonicSampleGenerator *self,
           int                   day)
{
  while (is_weekend_day (self, day))
    day--;
  return day;
}

static int
snap_forward (TonicSampleGenerator *self,
              int                   day)
{
  while (is_weekend_day (self, day))
    day++;
  return day;
}

static gboolean
is_today_showcase (TonicSampleShowcase showcase)
{
  return showcase == TONIC_SAMPLE_SHOWCASE_IN_CHAIR || showcase == TONIC_SAMPLE_SHOWCASE_SAFETY ||
         showcase == TONIC_SAMPLE_SHOWCASE_OBSERVED || showcase == TONIC_SAMPLE_SHOWCASE_ARRIVED;
}

/* A pool patient not yet seen on this day (for a consultation or a
 * follow-up), or NULL. */
static const PoolPatient *
pick_patient (TonicSampleGenerator *self,
              GHashTable           *seen_today)
{
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      const PoolPatient *patient = &self->pool[pick (self->plan_rand, self->n_pool)];

      if (!g_hash_table_contains (seen_today, GUINT_TO_POINTER (patient->index + 1)))
        return patient;
    }

  return NULL;
}

static void
set_time (GDateTime **slot,
          GDateTime  *time)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = time;
}

/* Stamps a finished visit: arrived, in chair, recovery, discharged. An
 * anchor of today's board goes into the chair on time. */
static void
stamp_visit (GRand   *rand,
             Planned *planned,
             int      up_to)   /* the last state to stamp */
{
  int recovery = planned->minutes - planned->treatment;

  set_time (&planned->arrived_at, add_minutes (planned->start, -(5 + (int) pick (rand, 16))));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->arrived_at));
  if (up_to < TONIC_APPOINTMENT_STATE_IN_CHAIR)
    return;

  set_time (&planned->in_chair_at,
            add_minutes (planned->start, planned->anchor ? 0 : (int) pick (rand, 11)));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->in_chair_at));
  if (up_to < TONIC_APPOINTMENT_STATE_RECOVERY)
    return;

  set_time (&planned->recovery_at, add_minutes (planned->in_chair_at, planned->treatment));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->recovery_at));
  if (up_to < TONIC_APPOINTMENT_STATE_DISCHARGED)
    return;

  set_time (&planned->discharged_at,
            add_minutes (planned->recovery_at, MAX (recovery, 5) + (int) pick (rand, 16) - 5));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->discharged_at));
}

static void
shift_time (GDateTime **slot,
            GTimeSpan   shift)
{
  if (*slot != NULL)
    set_time (slot, g_date_time_add (*slot, shift));
}

static void
clamp_time (GDateTime **slot,
            GDateTime  *latest)
{
  if (*slot != NULL && g_date_time_compare (*slot, latest) > 0)
    set_time (slot, g_date_time_ref (latest));
}

static void
place_state (TonicSampleGenerator *self,
             Planned              *planned,
             GDateTime            *board_now)
{
  GRand *rand = self->plan_rand;
  g_autoptr(GDateTime) end = add_minutes (planned->start, planned->minutes);
  guint roll = pick (rand, 1000);

  planned->state = TONIC_APPOINTMENT_STATE_SCHEDULED;

  if (planned->day < 0)
    {
      if (roll < 40 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_NO_SHOW;
          set_time (&planned->state_changed_at, add_minutes (planned->start, 30));
        }
      else if (roll < 110 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (planned->start, -60 * (1 + (int) pick (rand, 72))));
        }
      else
        {
          planned->state = TONIC_APPOINTMENT_STATE_DISCHARGED;
          stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_DISCHARGED);
        }
      return;
    }

  if (planned->day > 0)
    {
      if (roll < 30 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (self->now, -30 * (1 + (int) pick (rand, 96))));
        }
      return;
    }

  /* Today, by the board clock. */
  if (g_date_time_compare (end, board_now) <= 0)
    {
      if (roll < 50 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_NO_SHOW;
          set_time (&planned->state_changed_at, add_minutes (planned->start, 30));
        }
      else
        {
          planned->state = TONIC_APPOINTMENT_STATE_DISCHARGED;
          stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_DISCHARGED);
        }
    }
  else if (g_date_time_compare (planned->start, board_now) <= 0)
    {
      g_autoptr(GDateTime) treatment_end = NULL;

      stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_IN_CHAIR);
      if (g_date_time_compare (planned->in_chair_at, board_now) > 0)
        set_time (&planned->in_chair_at, g_date_time_ref (board_now));
      set_time (&planned->state_changed_at, g_date_time_ref (planned->in_chair_at));
      planned->state = TONIC_APPOINTMENT_STATE_IN_CHAIR;

      treatment_end = add_minutes (planned->in_chair_at, planned->treatment);
      if (g_date_time_compare (treatment_end, board_now) <= 0)
        {
          planned->state = TONIC_APPOINTMENT_STATE_RECOVERY;
          set_time (&planned->recovery_at, g_date_time_ref (treatment_end));
          set_time (&planned->state_changed_at, g_date_time_ref (treatment_end));
        }
    }
  else
    {
      g_autoptr(GDateTime) soon = add_minutes (board_now, 20);

      if (roll < 30 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (board_now, -(30 + (int) pick (rand, 120))));
        }
      else if (g_date_time_compare (planned->start, soon) <= 0)
        {
          planned->state = TONIC_APPOINTMENT_STATE_ARRIVED;
          set_time (&planned->arrived_at, add_minutes (board_now, -(int) pick (rand, 12)));
          set_time (&planned->state_changed_at, g_date_time_ref (planned->arrived_at));
        }
    }

  /* Nothing is recorded after the board clock, nor after the real now. */
  clamp_time (&planned->state_changed_at, board_now);
  clamp_time (&planned->arrived_at, board_now);
  clamp_time (&planned->in_chair_at, board_now);
  clamp_time (&planned->recovery_at, board_now);
  clamp_time (&planned->discharged_at, board_now);
  {
    GTimeSpan shift = g_date_time_difference (self->now, board_now);

    if (shift < 0)
      {
        shift_time (&planned->state_changed_at, shift);
        shift_time (&planned->arrived_at, shift);
        shift_time (&planned->in_chair_at, shift);
        shift_time (&planned->recovery_at, shift);
        shift_time (&planned->discharged_at, shift);
      }
  }
}

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *pa = *(const Planned *const *) a;
  const Planned *pb = *(const Planned *const *) b;

  if (pa->patient != pb->patient)
    return pa->patient < pb->patient ? -1 : 1;
  return g_date_time_compare (pa->start, pb->start);
}

/* The days of a course's sessions: those done by today (the last of them
 * today for the board's showcases, else a few days ago), counted back
 * through the protocol's intervals, and those still to come up to
 * days_ahead. Sessions fall on working days. */
static void
make_schedule (TonicSampleGenerator *self,
               PoolPatient          *p)
{
  GRand *rand = self->plan_rand;
  guint induction = _tonic_sample_course_induction (p->kind);
  g_autofree int *past = NULL;
  guint n_done;
  int last;

  p->booster_days = p->kind == SAMPLE_COURSE_IV_PAIN ? 42 : 7 * (2 + (int) pick (rand, 3));

  switch (p->showcase)
    {
    case TONIC_SAMPLE_SHOWCASE_IN_CHAIR:
      n_done = 4;
      break;
    case TONIC_SAMPLE_SHOWCASE_SAFETY:
    case TONIC_SAMPLE_SHOWCASE_ARRIVED:
      n_done = 3;
      break;
    case TONIC_SAMPLE_SHOWCASE_OBSERVED:
      n_done = 6;
      break;
    case TONIC_SAMPLE_SHOWCASE_REVISED:
      n_done = 8;
      break;
    case TONIC_SAMPLE_SHOWCASE_NONE:
    case TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN:
    default:
      /* About a third in induction, the rest on boosters. */
      if (chance (rand, 350))
        n_done = 1 + pick (rand, induction - 1);
      else
        n_done = induction + pick (rand, p->kind == SAMPLE_COURSE_ESKETAMINE ? 7 : 5);
      break;
    }

  if (is_today_showcase (p->showcase))
    {
      last = 0;
    }
  else
    {
      int gap = _tonic_sample_course_gap (p->kind, n_done - 1, p->booster_days);

      /* The next session is due today or later. */
      last = snap_back (self, -(1 + (int) pick (rand, (guint) gap)));
    }

  /* Some courses without a response end after induction. */
  p->ended = p->trajectory == TONIC_SAMPLE_TRAJECTORY_NONE &&
             p->showcase == TONIC_SAMPLE_SHOWCASE_NONE && n_done >= induction && last <= -10 &&
             chance (rand, 500);

  past = g_new (int, n_done);
  past[n_done - 1] = last;
  for (guint i = n_done - 1; i-- > 0;)
    past[i] = snap_back (self, past[i + 1] -
                               _tonic_sample_course_gap (p->kind, i, p->booster_days));
  g_array_append_vals (p->days, past, n_done);

  if (!p->ended)
    {
      int day = last;

      for (guint i = n_done - 1; i < n_done + 12; i++)
        {
          day = snap_forward (self, day + _tonic_sample_course_gap (p->kind, i, p->booster_days));
          if (day > (int) self->options.days_ahead)
            break;
          g_array_append_val (p->days, day);
        }
    }

  g_ptr_array_set_size (p->visits, (int) p->days->len);
}

static void
make_pool (TonicSampleGenerator *self)
{
  GRand *rand = self->plan_rand;
  guint n = self->options.n_patients;

  self->n_pool = MIN (n, POOL_MAX);
  self->n_courses = MIN (self->n_pool, MIN (TONIC_SAMPLE_MAX_COURSES,
                                            MAX (TONIC_SAMPLE_MIN_COURSES, n / 20)));
  self->pool = g_new0 (PoolPatient, self->n_pool);
  self->in_pool = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->n_pool; i++)
    {
      static const SampleCourseKind showcase_kinds[] = {
        [TONIC_SAMPLE_SHOWCASE_IN_CHAIR] = SAMPLE_COURSE_IV_DEPRESSION,
        [TONIC_SAMPLE_SHOWCASE_SAFETY] = SAMPLE_COURSE_IV_DEPRESSION,
        [TONIC_SAMPLE_SHOWCASE_OBSERVED] = SAMPLE_COURSE_ESKETAMINE,
        [TONIC_SAMPLE_SHOWCASE_ARRIVED] = SAMPLE_COURSE_IV_DEPRESSION,
        [TONIC_SAMPLE_SHOWCASE_REVISED] = SAMPLE_COURSE_IV_DEPRESSION,
      };
      static const TonicSampleTrajectory showcase_trajectories[] = {
        [TONIC_SAMPLE_SHOWCASE_IN_CHAIR] = TONIC_SAMPLE_TRAJECTORY_RESPONSE,
        [TONIC_SAMPLE_SHOWCASE_SAFETY] = TONIC_SAMPLE_TRAJECTORY_PARTIAL,
        [TONIC_SAMPLE_SHOWCASE_OBSERVED] = TONIC_SAMPLE_TRAJECTORY_REMISSION,
        [TONIC_SAMPLE_SHOWCASE_ARRIVED] = TONIC_SAMPLE_TRAJECTORY_RESPONSE,
        [TONIC_SAMPLE_SHOWCASE_REVISED] = TONIC_SAMPLE_TRAJECTORY_PARTIAL,
      };
      PoolPatient *p = &self->pool[i];
      guint index;
      guint roll;

      /* Distinct patients, spread over the whole practice. */
      do
        index = n <= POOL_MAX ? i : pick (rand, n);
      while (g_hash_table_contains (self->in_pool, GUINT_TO_POINTER (index + 1)));

      p->index = index;
      p->days = g_array_new (FALSE, FALSE, sizeof (int));
      p->visits = g_ptr_array_new ();
      g_hash_table_insert (self->in_pool, GUINT_TO_POINTER (index + 1), p);

      /* Drawn for everyone, so that a patient's course does not depend on
       * how many have one. */
      roll = pick (rand, 100);
      p->kind = roll < 55 ? SAMPLE_COURSE_IV_DEPRESSION :
                roll < 75 ? SAMPLE_COURSE_ESKETAMINE :
                roll < 87 ? SAMPLE_COURSE_IM : SAMPLE_COURSE_IV_PAIN;
      roll = pick (rand, 100);
      p->trajectory = roll < 20 ? TONIC_SAMPLE_TRAJECTORY_REMISSION :
                      roll < 50 ? TONIC_SAMPLE_TRAJECTORY_RESPONSE :
                      roll < 75 ? TONIC_SAMPLE_TRAJECTORY_PARTIAL : TONIC_SAMPLE_TRAJECTORY_NONE;

      /* The showcases first, then the other courses; after them the
       * patients being assessed, the first with a plan drafted. */
      if (i < self->n_courses && i + 1 < G_N_ELEMENTS (showcase_kinds))
        {
          p->showcase = (TonicSampleShowcase) (i + 1);
          p->kind = showcase_kinds[p->showcase];
          p->trajectory = showcase_trajectories[p->showcase];
        }
      else if (i >= self->n_courses)
        {
          p->kind = SAMPLE_COURSE_NONE;
          if (i == self->n_courses)
            p->showcase = TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN;
        }
      self->showcase[p->showcase] = p;

      if (p->kind != SAMPLE_COURSE_NONE)
        make_schedule (self, p);
    }

  self->showcase[TONIC_SAMPLE_SHOWCASE_NONE] = NULL;
}

static void
pool_free (TonicSampleGenerator *self)
{
  for (guint i = 0; self->pool != NULL && i < self->n_pool; i++)
    {
      g_clear_pointer (&self->pool[i].days, g_array_unref);
      g_clear_pointer (&self->pool[i].visits, g_ptr_array_unref);
    }
  g_clear_pointer (&self->pool, g_free);
}

/* The board clock (see the top of the file), and its minute of the day
 * rounded down to 5. */
static GDateTime *
make_board_now (TonicSampleGenerator *self,
                int                  *minutes)
{
  int now_minutes = g_date_time_get_hour (self->now) * 60 + g_date_time_get_minute (self->now);

  if (now_minutes >= BOARD_EARLIEST && now_minutes <= BOARD_LATEST)
    {
      *minutes = now_minutes - now_minutes % 5;
      return g_date_time_ref (self->now);
    }

  *minutes = BOARD_DEFAULT;
  return local_time (&self->today, BOARD_DEFAULT);
}

typedef struct
{
  GDate       date;
  int         day;
  GHashTable *seen;        /* patients already booked that day (index + 1) */
  GDateTime  *board_now;
  GPtrArray  *bookings;    /* of Booking: the courses' sessions that day */
  guint       next_booking;
} PlanDay;

static Planned *
new_planned (TonicSampleGenerator *self,
             PlanDay              *plan_day,
             guint                 patient,
             int                   chair,
             TonicAppointmentType  type,
             int                   minutes,
             gboolean              anchor)
{
  Planned *planned = g_new0 (Planned, 1);

  planned->patient = patient;
  planned->day = plan_day->day;
  planned->start = local_time (&plan_day->date, minutes);
  planned->chair = chair;
  planned->type = type;
  planned->minutes = tonic_appointment_type_get_default_minutes (type);
  planned->treatment = tonic_appointment_type_get_default_treatment_minutes (type);
  planned->nurse = type != TONIC_APPOINTMENT_TYPE_CONSULTATION &&
                   type != TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
  planned->anchor = anchor;

  return planned;
}

/* Books a consultation or follow-up at @minutes on @chair for a pool
 * patient not yet booked that day; FALSE when there is none. */
static gboolean
plan_visit (TonicSampleGenerator *self,
            PlanDay              *plan_day,
            int                   chair,
            TonicAppointmentType  type,
            int                   minutes,
            gboolean              anchor)
{
  GRand *rand = self->plan_rand;
  const PoolPatient *patient = pick_patient (self, plan_day->seen);
  Planned *planned;

  if (patient == NULL)
    return FALSE;

  g_hash_table_add (plan_day->seen, GUINT_TO_POINTER (patient->index + 1));

  planned = new_planned (self, plan_day, patient->index, chair, type, minutes, anchor);
  if (chance (rand, 80))
    planned->note = pick_string (rand, _tonic_sample_appointment_notes);
  place_state (self, planned, plan_day->board_now);
  g_ptr_array_add (self->plan, planned);

  return TRUE;
}

/* Books session @booking (its patient is already in the day's seen). An
 * anchor (today's board, a showcase's sessions) keeps the state the clock
 * gives it: no no-show, no cancellation. */
static void
plan_booking (TonicSampleGenerator *self,
              PlanDay              *plan_day,
              int                   chair,
              const Booking        *booking,
              int                   minutes,
              gboolean              anchor)
{
  PoolPatient *patient = booking->patient;
  SampleCourseKind kind = patient->kind;
  Planned *planned = new_planned (self, plan_day, patient->index, chair,
                                  _tonic_sample_course_appointment_type (kind), minutes, anchor);

  planned->minutes = _tonic_sample_course_visit_minutes (kind);
  planned->treatment = _tonic_sample_course_treatment_minutes (kind);
  if (booking->day == 0)
    planned->note = "First infusion of the course";
  else if (chance (self->plan_rand, 80))
    planned->note = pick_string (self->plan_rand, _tonic_sample_dosing_notes);
  place_state (self, planned, plan_day->board_now);
  g_ptr_array_add (self->plan, planned);
  g_ptr_array_index (patient->visits, booking->day) = planned;
}

static int
pick_gap (GRand *rand)
{
  guint gap = pick (rand, 100);

  return gap < 60 ? 0 : gap < 85 ? 15 : 30;
}

/* What goes next in a chair: the day's next session (always when
 * @urgent), a consultation or follow-up, or nothing (FALSE: a gap). */
static gboolean
choose_visit (TonicSampleGenerator  *self,
              PlanDay               *plan_day,
              gboolean               urgent,
              const Booking        **booking,
              TonicAppointmentType  *type,
              int                   *minutes)
{
  GRand *rand = self->plan_rand;
  guint pending = plan_day->bookings->len - plan_day->next_booking;

  if (pending > 0 && (urgent || chance (rand, 600)))
    {
      *booking = g_ptr_array_index (plan_day->bookings, plan_day->next_booking);
      *type = _tonic_sample_course_appointment_type ((*booking)->patient->kind);
      *minutes = _tonic_sample_course_visit_minutes ((*booking)->patient->kind);
      return TRUE;
    }

  *booking = NULL;
  if (!chance (rand, 650))
    return FALSE;
  *type = chance (rand, 500) ? TONIC_APPOINTMENT_TYPE_CONSULTATION
                             : TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
  *minutes = tonic_appointment_type_get_default_minutes (*type);
  return TRUE;
}

/* Fills a slot of @chair starting at @start, ending by @end: returns the
 * minutes used (0: left free). */
static int
fill_slot (TonicSampleGenerator *self,
           PlanDay              *plan_day,
           int                   chair,
           int                   start,
           int                   end,
           gboolean              urgent)
{
  const Booking *booking;
  TonicAppointmentType type;
  int minutes;

  if (!choose_visit (self, plan_day, urgent, &booking, &type, &minutes) || start + minutes > end)
    return 0;

  if (booking != NULL)
    {
      plan_day->next_booking++;
      plan_booking (self, plan_day, chair, booking, start,
                    booking->patient->showcase != TONIC_SAMPLE_SHOWCASE_NONE);
      return minutes;
    }

  return plan_visit (self, plan_day, chair, type, start, FALSE) ? minutes : 0;
}

/* Fills @chair from @from onwards, until the end of the day. */
static void
fill_forward (TonicSampleGenerator *self,
              PlanDay              *plan_day,
              int                   chair,
              int                   from)
{
  int minutes = from;

  while (minutes + 30 <= DAY_END_MINUTES)
    {
      int used = fill_slot (self, plan_day, chair, minutes, DAY_END_MINUTES, FALSE);

      minutes += used > 0 ? used + pick_gap (self->plan_rand) : 30;
    }
}

/* Fills @chair backwards from a visit ending at @until to the morning. */
static void
fill_backward (TonicSampleGenerator *self,
               PlanDay              *plan_day,
               int                   chair,
               int                   until)
{
  int end = until;

  while (end - 30 >= DAY_START_MINUTES)
    {
      const Booking *booking;
      TonicAppointmentType type;
      int minutes;
      int start;

      if (!choose_visit (self, plan_day, FALSE, &booking, &type, &minutes))
        {
          end -= 30;
          continue;
        }

      start = end - minutes;
      if (start < DAY_START_MINUTES)
        {
          end -= 30;
          continue;
        }

      if (booking != NULL)
        {
          plan_day->next_booking++;
          plan_booking (self, plan_day, chair, booking, start,
                        booking->patient->showcase != TONIC_SAMPLE_SHOWCASE_NONE);
          end = start - pick_gap (self->plan_rand);
        }
      else if (plan_visit (self, plan_day, chair, type, start, FALSE))
        {
          end = start - pick_gap (self->plan_rand);
        }
      else
        {
          end -= 30;
        }
    }
}

/* A working day, the chairs filled side by side from the morning: the
 * day's sessions among consultations and follow-ups, the sessions sooner
 * as the room left runs short. */
static void
fill_day (TonicSampleGenerator *self,
          PlanDay              *plan_day)
{
  int cursor[TONIC_SAMPLE_CHAIRS];

  for (int chair = 0; chair < TONIC_SAMPLE_CHAIRS; chair++)
    cursor[chair] = DAY_START_MINUTES + chair * 10;

  while (TRUE)
    {
      int chair = 0;
      int room = 0;
      guint pending = plan_day->bookings->len - plan_day->next_booking;
      int used;

      for (int c = 0; c < TONIC_SAMPLE_CHAIRS; c++)
        {
          if (cursor[c] < cursor[chair])
            chair = c;
          room += MAX (DAY_END_MINUTES - cursor[c], 0);
        }
      if (cursor[chair] + 30 > DAY_END_MINUTES)
        break;

      used = fill_slot (self, plan_day, chair + 1, cursor[chair], DAY_END_MINUTES,
                        (int) pending * 160 >= room);
      cursor[chair] += used > 0 ? used + pick_gap (self->plan_rand) : 30;
    }
}

/* Today's board is built around the board clock so that every state is on
 * it: chair 1 mid-infusion, chair 2 in recovery, chair 3 under esketamine
 * observation, chair 4 just discharged with the next patient arrived (the
 * dosing visits are the showcase courses' sessions of today); the morning
 * before them discharged (a no-show now and then), the afternoon
 * scheduled. */
static void
plan_today (TonicSampleGenerator *self,
            PlanDay              *plan_day,
            int                   board)
{
  static const struct
  {
    TonicAppointmentType type;
    int                  offset;   /* start, minutes from the board clock */
    TonicSampleShowcase  showcase; /* whose session it is (NONE: anyone's follow-up) */
  } anchors[TONIC_SAMPLE_CHAIRS][2] = {
    { { TONIC_APPOINTMENT_TYPE_IV_INFUSION, -35, TONIC_SAMPLE_SHOWCASE_IN_CHAIR } },
    { { TONIC_APPOINTMENT_TYPE_IV_INFUSION, -70, TONIC_SAMPLE_SHOWCASE_SAFETY } },
    { { TONIC_APPOINTMENT_TYPE_ESKETAMINE, -50, TONIC_SAMPLE_SHOWCASE_OBSERVED } },
    { { TONIC_APPOINTMENT_TYPE_FOLLOW_UP, -35, TONIC_SAMPLE_SHOWCASE_NONE },
      { TONIC_APPOINTMENT_TYPE_IV_INFUSION, 10, TONIC_SAMPLE_SHOWCASE_ARRIVED } },
  };

  for (int chair = 1; chair <= TONIC_SAMPLE_CHAIRS; chair++)
    {
      int first_start = board + anchors[chair - 1][0].offset;
      int end = first_start;

      fill_backward (self, plan_day, chair, first_start - pick_gap (self->plan_rand));

      for (guint a = 0; a < G_N_ELEMENTS (anchors[0]); a++)
        {
          TonicAppointmentType type = anchors[chair - 1][a].type;
          TonicSampleShowcase showcase = anchors[chair - 1][a].showcase;
          PoolPatient *patient = self->showcase[showcase];
          int start = board + anchors[chair - 1][a].offset;

          if (a > 0 && anchors[chair - 1][a].offset == 0)
            break;

          if (showcase == TONIC_SAMPLE_SHOWCASE_NONE)
            {
              plan_visit (self, plan_day, chair, type, start, TRUE);
              end = start + tonic_appointment_type_get_default_minutes (type);
            }
          else if (patient != NULL)
            {
              /* Its session of today is its last day so far. */
              Booking booking = { patient, 0 };

              while (booking.day < patient->days->len &&
                     g_array_index (patient->days, int, booking.day) != 0)
                booking.day++;
              g_assert (booking.day < patient->days->len);
              plan_booking (self, plan_day, chair, &booking, start, TRUE);
              end = start + _tonic_sample_course_visit_minutes (patient->kind);
            }
        }

      fill_forward (self, plan_day, chair, end + pick_gap (self->plan_rand));
    }
}

static void
make_plan (TonicSampleGenerator *self)
{
  int board = 0;
  g_autoptr(GDateTime) board_now = make_board_now (self, &board);
  int first = -(int) self->options.days_back;
  int last = (int) self->options.days_ahead;
  guint n_days = (guint) (last - first + 1);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_full (n_days, (GDestroyNotify) g_ptr_array_unref);

  self->plan = g_ptr_array_new_with_free_func (planned_free);

  /* The courses' sessions, day by day, in pool order. */
  for (guint d = 0; d < n_days; d++)
    g_ptr_array_add (bookings, g_ptr_array_new_with_free_func (g_free));
  for (guint i = 0; i < self->n_pool; i++)
    {
      PoolPatient *p = &self->pool[i];

      for (guint j = 0; p->kind != SAMPLE_COURSE_NONE && j < p->days->len; j++)
        {
          int day = g_array_index (p->days, int, j);
          Booking *booking;

          if (day < first || day > last || (day == 0 && is_today_showcase (p->showcase)))
            continue;

          booking = g_new0 (Booking, 1);
          booking->patient = p;
          booking->day = j;
          g_ptr_array_add (g_ptr_array_index (bookings, (guint) (day - first)), booking);
        }
    }

  for (int day = first; day <= last; day++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      PlanDay plan_day = {
        .day = day,
        .seen = seen,
        .board_now = board_now,
        .bookings = g_ptr_array_index (bookings, (guint) (day - first)),
      };

      plan_day.date = date_of_day (self, day);

      /* Nobody comes twice a day: those with a session are seen already. */
      for (guint b = 0; b < plan_day.bookings->len; b++)
        {
          const Booking *booking = g_ptr_array_index (plan_day.bookings, b);

          g_hash_table_add (seen, GUINT_TO_POINTER (booking->patient->index + 1));
        }

      if (day == 0)
        {
          for (guint s = 0; s < G_N_ELEMENTS (self->showcase); s++)
            if (self->showcase[s] != NULL && is_today_showcase ((TonicSampleShowcase) s))
              g_hash_table_add (seen, GUINT_TO_POINTER (self->showcase[s]->index + 1));
          plan_today (self, &plan_day, board);
          continue;
        }
      if (is_weekend_day (self, day))
        continue;

      fill_day (self, &plan_day);
    }

  g_ptr_array_sort (self->plan, compare_planned);

  /* Today's times are the board clock's, moved back to now when it is
   * ahead (place_state()). */
  self->board_now = g_date_time_compare (self->now, board_now) < 0 ? g_date_time_ref (self->now)
                                                                 : g_date_time_ref (board_now);
}

/* -- Patients ------------------------------------------------------------------ */

static TonicPatient *
make_patient (TonicSampleGenerator *self,
              guint                 index)
{
  GRand *rand = self->rand;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TonicPatientFields f = { 0 };
  const Culture *culture = pick_culture (rand);
  Writing writing;
  PersonName name = { 0 };
  gboolean female;
  guint sex_roll = pick (rand, 1000);
  GDate birth;
  char dob[11];
  TonicPatient *patient;

  female = pick (rand, 2) == 0;
  pick_writing (rand, culture, &writing);
  make_name (rand, culture, female, &writing, -1, &name);

  f.legal_name = name.legal;
  f.preferred_name = name.preferred;

  if (sex_roll < 10)
    f.sex = TONIC_SEX_UNKNOWN;
  else if (sex_roll < 13)
    f.sex = TONIC_SEX_INTERSEX;
  else
    f.sex = female ? TONIC_SEX_FEMALE : TONIC_SEX_MALE;

  {
    guint roll = pick (rand, 100);

    if (roll < 2)
      {
        f.pronouns = "they/them";
        f.gender = "Non-binary";
      }
    else if (roll < 14)
      {
        f.pronouns = female ? "she/her" : "he/him";
      }
    else if (roll < 15)
      {
        f.pronouns = female ? "he/him" : "she/her";
        f.gender = female ? "Man" : "Woman";
      }
  }

  /* Born 1940-01-01 … 2005-12-31. */
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, G_DATE_JANUARY, 1940);
  g_date_add_days (&birth, pick (rand, 24106));
  g_snprintf (dob, sizeof dob, "%04u-%02u-%02u", g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth));
  f.date_of_birth = dob;

  if (chance (rand, 960))
    f.phone_mobile = keep (strings, make_phone (rand));
  if (chance (rand, 250) || f.phone_mobile == NULL)
    f.phone_other = keep (strings, make_phone (rand));
  if (chance (rand, 850))
    f.email = keep (strings, make_email (rand, &name));

  if (chance (rand, 970))
    {
      const char *city = pick_string (rand, _tonic_sample_cities);
      g_auto(GStrv) city_parts = g_strsplit (city, "|", 2);

      f.address_line1 = keep (strings, g_strdup_printf ("%u %s", 100 + pick (rand, 9800),
                                                        pick_string (rand, _tonic_sample_streets)));
      if (chance (rand, 200))
        {
          static const char *const units[] = { "Apt ", "Unit ", "Suite ", NULL };

          f.address_line2 = keep (strings, g_strdup_printf ("%s%u%s", pick_string (rand, units),
                                                            1 + pick (rand, 40),
                                                            chance (rand, 300) ? "B" : ""));
        }
      f.city = keep (strings, g_strdup (city_parts[0]));
      f.region = "CA";
      f.postcode = keep (strings, g_strdup_printf ("%s%02u", city_parts[1], pick (rand, 100)));
    }

  if (chance (rand, 850))
    {
      static const struct
      {
        const char *relationship;
        int         sex;   /* 1 female, 0 male, -1 either */
        gboolean    family;
      } relations[] = {
        { "Spouse", -1, FALSE }, { "Wife", 1, FALSE }, { "Husband", 0, FALSE },
        { "Partner", -1, FALSE }, { "Mother", 1, TRUE }, { "Father", 0, TRUE },
        { "Sister", 1, TRUE }, { "Brother", 0, TRUE }, { "Daughter", 1, TRUE },
        { "Son", 0, TRUE }, { "Friend", -1, FALSE },
      };
      guint r = pick (rand, G_N_ELEMENTS (relations));
      gboolean contact_female = relations[r].sex < 0 ? pick (rand, 2) == 0 : relations[r].sex == 1;
      PersonName contact = { 0 };

      if (relations[r].family)
        {
          make_name (rand, culture, contact_female, &writing, (int) name.family_index, &contact);
        }
      else
        {
          const Culture *other = chance (rand, 600) ? culture : pick_culture (rand);
          Writing other_writing;

          pick_writing (rand, other, &other_writing);
          make_name (rand, other, contact_female, &other_writing, -1, &contact);
        }

      f.emergency_name = keep (strings, g_steal_pointer (&contact.legal));
      f.emergency_relationship = relations[r].relationship;
      f.emergency_phone = keep (strings, make_phone (rand));
      person_name_clear (&contact);
    }

  if (chance (rand, 700))
    {
      const Culture *other = pick_culture (rand);
      Writing latin = { TRUE, FALSE };
      PersonName referrer = { 0 };
      const char *practice = pick_string (rand, _tonic_sample_practices);

      make_name (rand, other, pick (rand, 2) == 0, &latin, -1, &referrer);
      f.referrer_name = keep (strings, g_strdup_printf ("Dr. %s", referrer.legal));
      f.referrer_practice = practice;
      f.referrer_phone = keep (strings, make_phone (rand));
      if (chance (rand, 400))
        {
          g_autofree char *word = g_ascii_strdown (practice, (gssize) strcspn (practice, " "));

          f.referrer_email = keep (strings, g_strdup_printf ("intake.%s@example.org", word));
        }
      person_name_clear (&referrer);
    }

  f.indications = make_indications (rand);
  {
    const PoolPatient *p = g_hash_table_lookup (self->in_pool, GUINT_TO_POINTER (index + 1));

    /* A course's indications fit its plan. */
    if (p != NULL && p->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN)
      f.indications = _tonic_sample_course_fit_indications (SAMPLE_COURSE_IV_DEPRESSION,
                                                            f.indications);
    else if (p != NULL)
      f.indications = _tonic_sample_course_fit_indications (p->kind, f.indications);
    if (p != NULL && p->showcase == TONIC_SAMPLE_SHOWCASE_SAFETY)
      f.indications |= TONIC_INDICATION_SUICIDAL_IDEATION;
  }

  if (chance (rand, 220))
    {
      const char *first = pick_string (rand, _tonic_sample_allergies);
      const char *second = pick_string (rand, _tonic_sample_allergies);

      if (chance (rand, 250) && first != second)
        f.allergies = keep (strings, g_strdup_printf ("%s\n%s", first, second));
      else
        f.allergies = first;
    }

  {
    gboolean interpreter = culture->culture->language != NULL &&
                           (!writing.latin || culture->culture->hispanic) &&
                           chance (rand, 250);
    const char *note = chance (rand, 80) ? pick_string (rand, _tonic_sample_patient_notes) : NULL;

    if (interpreter)
      {
        f.note = keep (strings, g_strdup_printf ("Interpreter: %s.%s%s",
                                                 culture->culture->language,
                                                 note ? " " : "", note ? note : ""));
      }
    else
      {
        f.note = note;
      }
  }

  /* Drawn for everyone, so the stream does not depend on the pool. */
  f.archived = chance (rand, 15) &&
               !g_hash_table_contains (self->in_pool, GUINT_TO_POINTER (index + 1));
  if (f.archived)
    self->n_archived++;

  patient = tonic_patient_new (&f);
  person_name_clear (&name);

  return patient;
}

static TonicAppointment *
make_appointment (TonicSampleGenerator *self,
                  const Planned        *planned,
                  gint64                patient_id,
                  const char           *patient_name)
{
  TonicAppointmentFields f = { 0 };
  gboolean checked_in = planned->arrived_at != NULL;

  f.patient_id = patient_id;
  f.patient_name = patient_name;
  f.type = planned->type;
  f.chair = planned->chair;
  f.staff_id = planned->nurse ? self->nurse_id : self->clinician_id;
  f.start = planned->start;
  f.minutes = planned->minutes;
  f.state = planned->state;
  f.state_changed_at = planned->state_changed_at;
  f.note = planned->note;
  f.arrived_at = planned->arrived_at;
  f.in_chair_at = planned->in_chair_at;
  f.recovery_at = planned->recovery_at;
  f.discharged_at = planned->discharged_at;
  f.identity_confirmed = checked_in;
  f.driver_confirmed = checked_in && planned->nurse;
  f.fasting_confirmed = checked_in && (planned->type == TONIC_APPOINTMENT_TYPE_IV_INFUSION ||
                                       planned->type == TONIC_APPOINTMENT_TYPE_IM_INJECTION);

  return tonic_appointment_new (&f);
}

/* -- Courses ---------------------------------------------------------------------- */

/* Who drives the patient home: their emergency contact, else someone
 * named for the purpose. */
static char *
make_driver_name (TonicSampleGenerator *self,
                  TonicPatient         *patient)
{
  const char *contact = tonic_patient_get_emergency_name (patient);
  Writing latin = { TRUE, FALSE };
  PersonName name = { 0 };
  char *legal;

  if (*contact != '\0')
    return g_strdup (contact);

  make_name (self->course_rand, pick_culture (self->course_rand),
             pick (self->course_rand, 2) == 0, &latin, -1, &name);
  legal = g_steal_pointer (&name.legal);
  person_name_clear (&name);

  return legal;
}

static void
sample_visit_clear (SampleVisit *visit)
{
  g_clear_pointer (&visit->arrived_at, g_date_time_unref);
  g_clear_pointer (&visit->in_chair_at, g_date_time_unref);
  g_clear_pointer (&visit->discharged_at, g_date_time_unref);
  g_clear_pointer (&visit->until, g_date_time_unref);
}

/* The course of pool patient @p, made after its appointments: a session
 * for each of its days that happened — a discharged appointment, today's
 * visit under way, or a day before the appointments begin. */
static void
make_course (TonicSampleGenerator *self,
             const PoolPatient    *p,
             TonicPatient         *patient)
{
  g_autoptr(GArray) visits = g_array_new (FALSE, TRUE, sizeof (SampleVisit));
  g_autofree char *driver_name = make_driver_name (self, patient);
  SampleCourseSpec spec = { 0 };

  spec.kind = p->kind;
  spec.showcase = p->showcase;
  spec.trajectory = p->trajectory;
  spec.patient = patient;
  spec.index = p->index;
  spec.driver_name = driver_name;
  spec.today = self->today;
  spec.first_day = self->today;
  spec.ended = p->ended;

  for (guint j = 0; j < p->days->len; j++)
    {
      int day = g_array_index (p->days, int, j);
      const Planned *planned = g_ptr_array_index (p->visits, j);
      SampleVisit visit = { 0 };

      if (planned != NULL)
        {
          if (planned->state == TONIC_APPOINTMENT_STATE_DISCHARGED)
            {
              visit.discharged_at = g_date_time_ref (planned->discharged_at);
              visit.until = g_date_time_ref (planned->discharged_at);
            }
          else if (planned->state == TONIC_APPOINTMENT_STATE_IN_CHAIR ||
                   planned->state == TONIC_APPOINTMENT_STATE_RECOVERY)
            {
              visit.until = g_date_time_ref (self->board_now);
            }
          else
            {
              continue;
            }
          visit.arrived_at = g_date_time_ref (planned->arrived_at);
          visit.in_chair_at = g_date_time_ref (planned->in_chair_at);
          visit.appointment = planned->made;
        }
      else if (day < -(int) self->options.days_back)
        {
          /* Before the appointments: the patient's usual time. */
          GDate date = date_of_day (self, day);

          visit.in_chair_at = local_time (&date, DAY_START_MINUTES + 30 + 30 * (int) (p->index % 8));
          visit.arrived_at = add_minutes (visit.in_chair_at, -12);
          visit.discharged_at = add_minutes (visit.in_chair_at,
                                             _tonic_sample_course_visit_minutes (p->kind));
          visit.until = g_date_time_ref (visit.discharged_at);
        }
      else
        {
          /* Not held (a no-show, cancelled, no room that day), or still to come. */
          continue;
        }

      if (visits->len == 0)
        g_date_set_dmy (&spec.first_day,
                        (GDateDay) g_date_time_get_day_of_month (visit.in_chair_at),
                        (GDateMonth) g_date_time_get_month (visit.in_chair_at),
                        (GDateYear) g_date_time_get_year (visit.in_chair_at));
      g_array_append_val (visits, visit);
    }

  g_ptr_array_add (self->courses,
                   _tonic_sample_course_new (self->course_rand, &spec,
                                             (const SampleVisit *) visits->data, visits->len));

  for (guint v = 0; v < visits->len; v++)
    sample_visit_clear (&g_array_index (visits, SampleVisit, v));
}

/* -- The generator ---------------------------------------------------------------- */

TonicSampleGenerator *
tonic_sample_generator_new (const TonicSampleOptions *options)
{
  TonicSampleGenerator *self;
  guint32 plan_seed[2];

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->n_patients >= 1 &&
                        options->n_patients <= TONIC_SAMPLE_MAX_PATIENTS, NULL);

  ensure_cultures ();

  self = g_new0 (TonicSampleGenerator, 1);
  self->options = *options;
  self->options.now = NULL;
  self->options.progress = NULL;
  self->options.course_progress = NULL;
  self->options.progress_data = NULL;

  self->rand = g_rand_new_with_seed (options->seed);
  plan_seed[0] = options->seed;
  plan_seed[1] = 0x6170706f;   /* "appo" */
  self->plan_rand = g_rand_new_with_seed_array (plan_seed, G_N_ELEMENTS (plan_seed));
  plan_seed[1] = 0x73657373;   /* "sess" */
  self->course_rand = g_rand_new_with_seed_array (plan_seed, G_N_ELEMENTS (plan_seed));
  self->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) _tonic_sample_course_free);

  self->now = options->now ? g_date_time_to_local (options->now) : g_date_time_new_now_local ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (self->now),
                  (GDateMonth) g_date_time_get_month (self->now),
                  (GDateYear) g_date_time_get_year (self->now));

  make_pool (self);
  make_plan (self);

  return self;
}

void
tonic_sample_generator_free (TonicSampleGenerator *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->plan_rand, g_rand_free);
  g_clear_pointer (&self->course_rand, g_rand_free);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->board_now, g_date_time_unref);
  g_clear_pointer (&self->in_pool, g_hash_table_unref);
  pool_free (self);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  g_free (self);
}

void
tonic_sample_generator_set_staff (TonicSampleGenerator *self,
                                  gint64                clinician_id,
                                  gint64                nurse_id)
{
  g_return_if_fail (self != NULL);

  self->clinician_id = clinician_id;
  self->nurse_id = nurse_id;
}

GPtrArray *
tonic_sample_generator_next_batch (TonicSampleGenerator  *self,
                                   guint                  max_patients,
                                   GPtrArray            **appointments)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  g_autoptr(GPtrArray) unlisted = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *patients;
  guint first;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (max_patients > 0, NULL);

  first = self->n_done;
  n = MIN (max_patients, self->options.n_patients - first);
  patients = g_ptr_array_new_full (n, g_object_unref);
  if (appointments != NULL)
    *appointments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      guint index = first + i;
      TonicPatient *patient = make_patient (self, index);
      const PoolPatient *pool_patient = g_hash_table_lookup (self->in_pool,
                                                             GUINT_TO_POINTER (index + 1));

      g_ptr_array_add (patients, patient);

      /* The plan is by patient index: this patient's visits are next. */
      g_ptr_array_set_size (made, 0);
      while (self->next_planned < self->plan->len)
        {
          Planned *planned = g_ptr_array_index (self->plan, self->next_planned);
          g_autofree char *display_name = NULL;
          TonicAppointment *appointment;

          if (planned->patient != index)
            break;

          self->next_planned++;
          self->n_appointments++;
          if (planned->day == 0)
            self->n_today++;
          if (appointments == NULL && pool_patient == NULL)
            continue;

          display_name = tonic_patient_dup_display_name (patient);
          appointment = make_appointment (self, planned, (gint64) i + 1, display_name);
          planned->made = appointment;
          g_ptr_array_add (made, planned);
          if (appointments != NULL)
            g_ptr_array_add (*appointments, appointment);
          else
            g_ptr_array_add (unlisted, appointment);
        }

      if (pool_patient != NULL &&
          (pool_patient->kind != SAMPLE_COURSE_NONE ||
           pool_patient->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN))
        make_course (self, pool_patient, patient);

      for (guint m = 0; m < made->len; m++)
        ((Planned *) g_ptr_array_index (made, m))->made = NULL;
    }

  self->n_done += n;

  return patients;
}

guint
tonic_sample_generator_get_n_done (TonicSampleGenerator *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_done;
}

GPtrArray *
tonic_sample_generator_get_courses (TonicSampleGenerator *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->courses;
}

/* -- Making the practice --------------------------------------------------------- */

const TonicSampleStaff *
tonic_sample_get_staff (guint *n_staff)
{
  if (n_staff != NULL)
    *n_staff = G_N_ELEMENTS (sample_staff);

  return sample_staff;
}

void
tonic_sample_options_init (TonicSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_patients = TONIC_SAMPLE_DEFAULT_PATIENTS;
  options->seed = TONIC_SAMPLE_DEFAULT_SEED;
  options->days_back = TONIC_SAMPLE_DEFAULT_DAYS;
  options->days_ahead = TONIC_SAMPLE_DEFAULT_DAYS;
  options->use_keyring = TRUE;
}

void
tonic_sample_summary_clear (TonicSampleSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->practice_dir, g_free);
  g_clear_pointer (&summary->practice_id, g_free);
  g_clear_pointer (&summary->recovery_key, g_free);
  memset (summary, 0, sizeof *summary);
}

/* Runs one async call to completion in the private context. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Call;

static void
on_call_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;

  call->result = g_object_ref (result);
}

static void
call_clear (Call *call)
{
  g_clear_object (&call->result);
}

static GAsyncResult *
call_result (Call *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

/* Removes the practice folder made by a run that failed (sample data). */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

typedef struct
{
  Call                      call;
  const TonicSampleOptions *options;
  TonicSampleSummary       *summary;
  TonicKey                 *key;
  TonicStore               *store;
  TonicPracticeDir         *dir;
  gint64                    clinician_id;
  gint64                    nurse_id;
  TonicSampleGenerator     *generator;
} Run;

static gboolean
check_empty (Run         *run,
             const char  *data_dir,
             GError     **error)
{
  g_autoptr(TonicPracticeDir) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  tonic_practice_dir_locate_async (data_dir, NULL, NULL, on_call_ready, &run->call);
  existing = tonic_practice_dir_locate_finish (call_result (&run->call), &local_error);
  call_clear (&run->call);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing == NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already holds a practice; choose an empty folder"), data_dir);
  return FALSE;
}

static gboolean
create_practice (Run         *run,
                 const char  *data_dir,
                 GError     **error)
{
  TonicPracticeDraft draft = { 0 };
  char *recovery_key = tonic_recovery_key_generate ();

  draft.practice_name = TONIC_SAMPLE_PRACTICE_NAME;
  draft.admin_name = sample_staff[0].display_name;
  draft.admin_username = sample_staff[0].username;
  draft.admin_password = TONIC_SAMPLE_PASSWORD;
  draft.recovery_key = recovery_key;

  run->summary->recovery_key = g_strdup (recovery_key);

  tonic_practice_dir_create_async (data_dir, &draft, run->key, NULL, on_call_ready, &run->call);
  run->store = tonic_practice_dir_create_finish (call_result (&run->call), &run->dir, error);
  call_clear (&run->call);
  tonic_recovery_key_free (recovery_key);

  if (run->store == NULL)
    return FALSE;

  run->summary->practice_dir = g_strdup (tonic_practice_dir_get_path (run->dir));
  run->summary->practice_id = g_strdup (tonic_practice_dir_get_id (run->dir));
  return TRUE;
}

static gboolean
add_staff (Run         *run,
           GError     **error)
{
  g_autoptr(TonicStaff) admin = NULL;
  g_autofree char *hash = NULL;

  tonic_store_sign_in_async (run->store, TONIC_SAMPLE_ADMIN_USERNAME, TONIC_SAMPLE_PASSWORD,
                             NULL, on_call_ready, &run->call);
  admin = tonic_store_sign_in_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (admin == NULL)
    return FALSE;

  /* One hash for all: they share the sample password anyway. */
  hash = tonic_password_hash (TONIC_SAMPLE_PASSWORD, error);
  if (hash == NULL)
    return FALSE;

  for (guint i = 1; i < G_N_ELEMENTS (sample_staff); i++)
    {
      g_autoptr(TonicStaff) member = NULL;
      gboolean saved;

      tonic_store_add_staff_async (run->store, sample_staff[i].username,
                                   sample_staff[i].display_name, sample_staff[i].role, hash,
                                   NULL, on_call_ready, &run->call);
      member = tonic_store_add_staff_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (member == NULL)
        return FALSE;

      if (sample_staff[i].role == TONIC_ROLE_CLINICIAN)
        run->clinician_id = tonic_staff_get_id (member);
      else if (sample_staff[i].role == TONIC_ROLE_NURSE)
        run->nurse_id = tonic_staff_get_id (member);

      /* Their password opens the practice where the keyring cannot. */
      tonic_practice_dir_set_staff_slot_async (run->dir, run->key, tonic_staff_get_uuid (member),
                                               tonic_staff_get_username (member),
                                               TONIC_SAMPLE_PASSWORD, NULL, on_call_ready,
                                               &run->call);
      saved = tonic_practice_dir_update_finish (run->dir, call_result (&run->call), error);
      call_clear (&run->call);
      if (!saved)
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_setting (Run         *run,
             const char  *name,
             const char  *value,
             GError     **error)
{
  gboolean ok;

  tonic_store_set_setting_async (run->store, name, value, NULL, on_call_ready, &run->call);
  ok = tonic_store_set_setting_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);

  return ok;
}

static gboolean
import_patients (Run         *run,
                 GError     **error)
{
  TonicSampleOptions options = *run->options;
  gint64 started = g_get_monotonic_time ();

  run->generator = tonic_sample_generator_new (&options);
  tonic_sample_generator_set_staff (run->generator, run->clinician_id, run->nurse_id);

  while (tonic_sample_generator_get_n_done (run->generator) < options.n_patients)
    {
      g_autoptr(GPtrArray) appointments = NULL;
      g_autoptr(GPtrArray) patients = NULL;
      gboolean imported;

      patients = tonic_sample_generator_next_batch (run->generator, BATCH_SIZE, &appointments);

      tonic_store_import_async (run->store, patients, appointments, NULL, on_call_ready,
                                &run->call);
      imported = tonic_store_import_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (!imported)
        return FALSE;

      if (options.progress != NULL)
        options.progress (tonic_sample_generator_get_n_done (run->generator), options.n_patients,
                          options.progress_data);
    }

  run->summary->n_patients = run->generator->n_done;
  run->summary->n_archived = run->generator->n_archived;
  run->summary->n_appointments = run->generator->n_appointments;
  run->summary->n_today = run->generator->n_today;
  run->summary->import_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  return TRUE;
}

/* -- Writing the courses ----------------------------------------------------------- */

/* The id of the patient made @index-th: the import gave MRNs in order. */
static gint64
find_patient (Run     *run,
              guint    index,
              GError **error)
{
  g_autofree char *mrn = tonic_mrn_format ((guint64) index + 1);
  g_autoptr(GPtrArray) found = NULL;
  TonicPatientQuery query = { .text = mrn, .status = TONIC_PATIENT_STATUS_ANY };

  tonic_store_list_patients_async (run->store, &query, 0, 2, NULL, on_call_ready, &run->call);
  found = tonic_store_list_patients_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (found == NULL)
    return 0;

  if (found->len != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The sample patient %u was not found by its MRN", index + 1);
      return 0;
    }

  return tonic_patient_get_id (g_ptr_array_index (found, 0));
}

/* The stored appointment the generator made as @made, among @stored. */
static gint64
find_appointment (GPtrArray        *stored,
                  TonicAppointment *made)
{
  gint64 start = g_date_time_to_unix (tonic_appointment_get_start (made));

  for (guint i = 0; stored != NULL && i < stored->len; i++)
    {
      TonicAppointment *appointment = g_ptr_array_index (stored, i);

      if (g_date_time_to_unix (tonic_appointment_get_start (appointment)) == start &&
          tonic_appointment_get_appointment_type (appointment) == tonic_appointment_get_appointment_type (made))
        return tonic_appointment_get_id (appointment);
    }

  return 0;
}

static TonicPlan *
save_plan (Run              *run,
           const TonicPlan  *generated,
           gint64            patient_id,
           gint64            course_id,
           gboolean          sign,
           GError          **error)
{
  g_autoptr(TonicPlan) plan = tonic_plan_copy (generated);
  g_autoptr(TonicPlan) draft = NULL;
  TonicPlan *signed_plan;

  plan->patient_id = patient_id;
  plan->course_id = course_id;
  tonic_store_save_plan_draft_async (run->store, plan, NULL, on_call_ready, &run->call);
  draft = tonic_store_save_plan_draft_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  run->summary->n_plans += draft != NULL;
  if (draft == NULL || !sign)
    return g_steal_pointer (&draft);

  tonic_store_sign_plan_async (run->store, draft->id, NULL, on_call_ready, &run->call);
  signed_plan = tonic_store_sign_plan_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);

  return signed_plan;
}

/* Documents @generated as the staff would: start it (on its appointment),
 * fill it in, record the vitals and scores as they come with their
 * acknowledgements, sign it when it is done, amend it. Returns its id. */
static gint64
write_session (Run                *run,
               const TonicSession *generated,
               gint64              patient_id,
               gint64              appointment_id,
               GError            **error)
{
  g_autoptr(TonicSession) started = NULL;
  g_autoptr(TonicSession) session = tonic_session_copy (generated);
  g_autoptr(TonicSession) saved = NULL;
  gint64 id;

  tonic_store_start_session_async (run->store, patient_id, appointment_id, NULL, on_call_ready,
                                   &run->call);
  started = tonic_store_start_session_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (started == NULL)
    return 0;

  id = started->id;
  session->id = id;
  session->patient_id = started->patient_id;
  session->plan_id = started->plan_id;
  session->course_id = started->course_id;
  session->appointment_id = started->appointment_id;
  session->number = started->number;
  if (session->route != TONIC_ROUTE_NASAL)
    session->checked_by = run->nurse_id;

  tonic_store_save_session_async (run->store, session, NULL, on_call_ready, &run->call);
  saved = tonic_store_save_session_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (saved == NULL)
    return 0;

  for (guint i = 0; i < generated->vitals->len; i++)
    {
      const TonicSessionVitals *vitals = g_ptr_array_index (generated->vitals, i);
      g_autoptr(TonicSessionVitals) row = NULL;

      tonic_store_add_vitals_async (run->store, id, vitals->taken_at, vitals->phase,
                                    &vitals->reading, NULL, on_call_ready, &run->call);
      row = tonic_store_add_vitals_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (row == NULL)
        return 0;

      if (vitals->action != TONIC_VITALS_ACTION_NONE)
        {
          g_autoptr(TonicSessionVitals) acknowledged = NULL;

          tonic_store_acknowledge_vitals_async (run->store, row->id, vitals->action,
                                                vitals->action_note, NULL, on_call_ready,
                                                &run->call);
          acknowledged = tonic_store_acknowledge_vitals_finish (run->store,
                                                                call_result (&run->call), error);
          call_clear (&run->call);
          if (acknowledged == NULL)
            return 0;
        }
    }

  for (guint i = 0; i < generated->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (generated->scores, i);
      g_autoptr(TonicSessionScore) row = NULL;

      tonic_store_save_score_async (run->store, id, score->instrument, score->timing,
                                    score->answers, score->n_answers, NULL, on_call_ready,
                                    &run->call);
      row = tonic_store_save_score_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (row == NULL)
        return 0;

      if (score->acknowledgement != NULL)
        {
          g_autoptr(TonicSessionScore) acknowledged = NULL;

          tonic_store_acknowledge_safety_async (run->store, row->id, score->acknowledgement,
                                                NULL, on_call_ready, &run->call);
          acknowledged = tonic_store_acknowledge_safety_finish (run->store,
                                                                call_result (&run->call), error);
          call_clear (&run->call);
          if (acknowledged == NULL)
            return 0;
        }
    }

  if (generated->status == TONIC_SESSION_STATUS_SIGNED)
    {
      g_autoptr(TonicSession) signed_session = NULL;

      tonic_store_sign_session_async (run->store, id, NULL, on_call_ready, &run->call);
      signed_session = tonic_store_sign_session_finish (run->store, call_result (&run->call),
                                                        error);
      call_clear (&run->call);
      if (signed_session == NULL)
        return 0;
    }

  for (guint i = 0; i < generated->amendments->len; i++)
    {
      const TonicAmendment *amendment = g_ptr_array_index (generated->amendments, i);
      g_autoptr(TonicAmendment) row = NULL;

      tonic_store_add_amendment_async (run->store, id, amendment->text, NULL, on_call_ready,
                                       &run->call);
      row = tonic_store_add_amendment_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (row == NULL)
        return 0;
    }

  run->summary->n_sessions++;
  return id;
}

static gboolean
write_course (Run                     *run,
              const TonicSampleCourse *course,
              GError                 **error)
{
  TonicSampleSummary *summary = run->summary;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  const TonicPlan *first = g_ptr_array_index (course->plans, 0);
  gint64 patient_id;
  gint64 session_id = 0;

  patient_id = find_patient (run, course->patient, error);
  if (patient_id == 0)
    return FALSE;

  plan = save_plan (run, first, patient_id, 0,
                    course->showcase != TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN, error);
  if (plan == NULL)
    return FALSE;
  if (course->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN)
    {
      summary->draft_plan_patient_id = patient_id;
      return TRUE;
    }

  tonic_store_list_patient_appointments_async (run->store, patient_id, NULL, on_call_ready,
                                               &run->call);
  appointments = tonic_store_list_patient_appointments_finish (run->store,
                                                               call_result (&run->call), error);
  call_clear (&run->call);
  if (appointments == NULL)
    return FALSE;

  for (guint i = 0; i < course->sessions->len; i++)
    {
      const TonicSession *session = g_ptr_array_index (course->sessions, i);
      TonicAppointment *made = g_ptr_array_index (course->appointments, i);

      if (i == course->revised_after && course->plans->len > 1)
        {
          TonicPlan *revision = save_plan (run, g_ptr_array_index (course->plans, 1), patient_id,
                                           plan->course_id, TRUE, error);

          if (revision == NULL)
            return FALSE;
          tonic_plan_free (plan);
          plan = revision;
        }

      session_id = write_session (run, session, patient_id,
                                  made != NULL ? find_appointment (appointments, made) : 0, error);
      if (session_id == 0)
        return FALSE;

      if (course->showcase == TONIC_SAMPLE_SHOWCASE_IN_CHAIR &&
          session->status == TONIC_SESSION_STATUS_DRAFT)
        summary->in_chair_session_id = session_id;
    }

  if (course->end_reason != NULL)
    {
      gboolean ended;

      tonic_store_end_course_async (run->store, plan->course_id, course->end_reason, NULL,
                                    on_call_ready, &run->call);
      ended = tonic_store_end_course_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (!ended)
        return FALSE;
    }

  summary->n_courses++;
  switch (course->showcase)
    {
    case TONIC_SAMPLE_SHOWCASE_SAFETY:
      summary->safety_patient_id = patient_id;
      break;
    case TONIC_SAMPLE_SHOWCASE_REVISED:
      if (course->plans->len > 1)
        summary->revised_patient_id = patient_id;
      if (session_id != 0)
        summary->amended_session_id = session_id;
      break;
    case TONIC_SAMPLE_SHOWCASE_NONE:
    case TONIC_SAMPLE_SHOWCASE_IN_CHAIR:
    case TONIC_SAMPLE_SHOWCASE_OBSERVED:
    case TONIC_SAMPLE_SHOWCASE_ARRIVED:
    case TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN:
    default:
      break;
    }

  return TRUE;
}

/* The courses, written as the sample clinician. */
static gboolean
write_courses (Run         *run,
               GError     **error)
{
  GPtrArray *courses = tonic_sample_generator_get_courses (run->generator);
  g_autoptr(TonicStaff) clinician = NULL;
  gint64 started = g_get_monotonic_time ();

  tonic_store_sign_in_async (run->store, sample_staff[1].username, TONIC_SAMPLE_PASSWORD, NULL,
                             on_call_ready, &run->call);
  clinician = tonic_store_sign_in_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (clinician == NULL)
    return FALSE;

  for (guint i = 0; i < courses->len; i++)
    {
      if (!write_course (run, g_ptr_array_index (courses, i), error))
        return FALSE;

      if (run->options->course_progress != NULL)
        run->options->course_progress (i + 1, courses->len, run->options->progress_data);
    }

  run->summary->clinical_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  return TRUE;
}

static gboolean
finish_practice (Run         *run,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  gint64 sequence = 0;
  gboolean ok;

  tonic_store_sign_out_async (run->store, TONIC_SIGN_OUT_USER, NULL, on_call_ready, &run->call);
  ok = tonic_store_sign_out_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (!ok)
    return FALSE;

  /* The audit head is kept outside the database too, as Tonic does after
   * each change, so a rolled-back copy of the sample is noticed as well. */
  tonic_store_get_audit_head_async (run->store, NULL, on_call_ready, &run->call);
  ok = tonic_store_get_audit_head_finish (run->store, call_result (&run->call), &sequence, &hash,
                                          error);
  call_clear (&run->call);
  if (!ok)
    return FALSE;

  if (sequence > 0)
    {
      tonic_practice_dir_record_audit_head_async (run->dir, sequence, hash, NULL, on_call_ready,
                                                  &run->call);
      ok = tonic_practice_dir_update_finish (run->dir, call_result (&run->call), error);
      call_clear (&run->call);
    }

  return ok;
}

static void
store_in_keyring (Run *run)
{
  g_autoptr(GError) error = NULL;

  tonic_keyring_store_async (run->summary->practice_id, TONIC_SAMPLE_PRACTICE_NAME, run->key,
                             NULL, on_call_ready, &run->call);
  run->summary->in_keyring = tonic_keyring_store_finish (call_result (&run->call), &error);
  call_clear (&run->call);

  /* Fine: any staff password (or the recovery key) opens it. */
  if (!run->summary->in_keyring)
    g_debug ("The sample's key is not in a keyring: %s", error->message);
}

gboolean
tonic_sample_generate_full (const char                *data_dir,
                            const TonicSampleOptions  *options,
                            TonicSampleSummary        *summary,
                            GError                   **error)
{
  g_autoptr(GMainContext) context = NULL;
  TonicSampleSummary local_summary = { 0 };
  gint64 started = g_get_monotonic_time ();
  Run run = { 0 };
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_patients < 1 || options->n_patients > TONIC_SAMPLE_MAX_PATIENTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of patients must be between 1 and %u"),
                   TONIC_SAMPLE_MAX_PATIENTS);
      return FALSE;
    }
  if (options->days_back > 366 || options->days_ahead > 366)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Appointments can be placed at most 366 days back or ahead"));
      return FALSE;
    }

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  run.call.context = context;
  run.options = options;
  run.summary = summary;
  run.key = tonic_key_new_random ();

  ok = check_empty (&run, data_dir, error) &&
       create_practice (&run, data_dir, error) &&
       add_staff (&run, error) &&
       set_setting (&run, TONIC_SETTING_CHAIRS, G_STRINGIFY (TONIC_SAMPLE_CHAIRS), error) &&
       set_setting (&run, TONIC_SAMPLE_SETTING, "true", error) &&
       import_patients (&run, error) &&
       write_courses (&run, error) &&
       finish_practice (&run, error);

  if (run.store != NULL)
    tonic_store_close (run.store);
  g_clear_object (&run.store);

  if (ok && options->use_keyring)
    store_in_keyring (&run);

  if (!ok && summary->practice_dir != NULL)
    remove_tree (summary->practice_dir);

  g_clear_object (&run.dir);
  g_clear_pointer (&run.key, tonic_key_unref);
  g_clear_pointer (&run.generator, tonic_sample_generator_free);

  /* Whatever the store announced to this context is of no further use. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  summary->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  if (!ok || summary == &local_summary)
    tonic_sample_summary_clear (summary);

  return ok;
}

gboolean
tonic_sample_generate (const char  *data_dir,
                       guint        n_patients,
                       guint32      seed,
                       GError     **error)
{
  TonicSampleOptions options;

  tonic_sample_options_init (&options);
  options.n_patients = n_patients;
  options.seed = seed;

  return tonic_sample_generate_full (data_dir, &options, NULL, error);
}
