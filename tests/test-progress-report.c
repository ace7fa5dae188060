/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-progress-report"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sessions-test-helpers.h"
#include "tonic-outcome-series.h"
#include "tonic-progress-report.h"
#include "tonic-test-ui.h"
#include "tonic-time.h"

/* The progress report of a course as a referring psychiatrist gets it: a
 * course documented through the store (a signed plan, ten signed sessions
 * over ten weeks with PHQ-9 and MADRS scores, side effects, a safety flag,
 * a vitals warning and an adverse event, all acknowledged), written as a
 * PDF and turned into PNG pages by pdftoppm: as many pages as the layout
 * says, none blank, the text where it belongs. A 40-session course flows
 * over pages without cutting a table row or a chart, the table's header
 * repeated on every page it continues on, on A4 and on Letter. Printing
 * draws the same pages. Set TONIC_TEST_SCREENSHOT_DIR to keep the pages. */

#define CLINICIAN      "cleo.clin"
#define CLINICIAN_NAME "Dr Cleo Marchetti-Osei"
#define PATIENT_NAME   "Henrike Søndergaard"
#define GOALS          "PHQ-9 below 5 and back to part-time work; taper the boosters " \
                       "once remission has held over three of them."
#define ADVERSE_EVENT  "Vasovagal episode during cannulation; recovered within five " \
                       "minutes lying flat, no treatment needed."
#define SAFETY_NOTE    "Passive thoughts only, no plan or intent; safety plan reviewed " \
                       "and crisis line given."
#define VITALS_NOTE    "Rate halved; BP 148/90 mmHg ten minutes later."

typedef struct
{
  char         *dir;
  TonicKey     *key;
  TonicStore   *store;
  TonicPatient *patient;
  TonicPlan    *plan;
  GPtrArray    *sessions;   /* as the store lists them */
} Fixture;

/* One session of the course: when, the scores, what happened. */
typedef struct
{
  int              days_ago;
  int              phq9;
  int              madrs;
  TonicSideEffect  side_effects;
  const char      *other;
  gboolean         phq9_item9;     /* a safety flag, acknowledged */
  gboolean         bp_warning;     /* a vitals warning during dosing, acknowledged */
  const char      *adverse_event;
} Visit;

/* Six infusions over three weeks, then boosters two weeks apart; PHQ-9
 * from 21 to 3 (remission), MADRS from 34 to 8. */
static const Visit visits[] = {
  { 72, 21, 34, TONIC_SIDE_EFFECT_NAUSEA | TONIC_SIDE_EFFECT_DISSOCIATION, NULL, FALSE, FALSE,
    NULL },
  { 69, 19, 31, TONIC_SIDE_EFFECT_DISSOCIATION, NULL, TRUE, FALSE, NULL },
  { 65, 16, 27, TONIC_SIDE_EFFECT_DIZZINESS | TONIC_SIDE_EFFECT_HEADACHE, NULL, FALSE, TRUE, NULL },
  { 62, 14, 24, TONIC_SIDE_EFFECT_NONE, NULL, FALSE, FALSE, NULL },
  { 58, 12, 20, TONIC_SIDE_EFFECT_DISSOCIATION | TONIC_SIDE_EFFECT_OTHER,
    "Transient blurred vision", FALSE, FALSE, ADVERSE_EVENT },
  { 55, 9, 16, TONIC_SIDE_EFFECT_DISSOCIATION, NULL, FALSE, FALSE, NULL },
  { 41, 8, 14, TONIC_SIDE_EFFECT_NONE, NULL, FALSE, FALSE, NULL },
  { 27, 6, 11, TONIC_SIDE_EFFECT_SEDATION, NULL, FALSE, FALSE, NULL },
  { 13, 4, 9, TONIC_SIDE_EFFECT_NONE, NULL, FALSE, FALSE, NULL },
  { 2, 3, 8, TONIC_SIDE_EFFECT_DISSOCIATION, NULL, FALSE, FALSE, NULL },
};

/* -- Making the course ------------------------------------------------------------- */

/* @days_ago at @hour:@minute local time, as UTC ISO-8601. */
static char *
moment (int days_ago,
        int hour,
        int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day), hour,
                                                   minute, 0);

  return tonic_time_format_utc (at);
}

/* Answers to @n_items items of 0…@max adding up to @total, the first
 * items highest. */
static void
fill_answers (int  *answers,
              guint n_items,
              int   max,
              int   total)
{
  for (guint i = 0; i < n_items; i++)
    {
      answers[i] = MIN (max, total);
      total -= answers[i];
    }
  g_assert_cmpint (total, ==, 0);
}

static TonicSessionScore *
save_score (Fixture         *fixture,
            gint64           session_id,
            TonicInstrument  instrument,
            const int       *answers,
            guint            n_answers)
{
  g_autoptr(GError) error = NULL;
  TonicSessionScore *score;

  score = sessions_test_save_score (fixture->store, session_id, instrument, TONIC_SCORE_TIMING_PRE,
                                    answers, n_answers, &error);
  g_assert_no_error (error);
  g_assert_nonnull (score);

  return score;
}

static void
add_vitals (Fixture          *fixture,
            gint64            session_id,
            int               days_ago,
            int               hour,
            int               minute,
            TonicVitalsPhase  phase,
            int               systolic,
            int               diastolic)
{
  const TonicVitalsReading reading = { systolic, diastolic, 74, 97, 14 };
  g_autofree char *taken_at = moment (days_ago, hour, minute);
  g_autoptr(TonicSessionVitals) vitals = NULL;
  g_autoptr(TonicSessionVitals) acknowledged = NULL;
  g_autoptr(GError) error = NULL;

  vitals = sessions_test_add_vitals (fixture->store, session_id, taken_at, phase, &reading, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vitals);
  if (vitals->level == TONIC_VITALS_LEVEL_NORMAL)
    return;

  acknowledged = sessions_test_acknowledge_vitals (fixture->store, vitals->id,
                                                   TONIC_VITALS_ACTION_SLOW, VITALS_NOTE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (acknowledged);
}

/* Documents and signs a session of @visit as the clinician: checked in at
 * 9:00, dosed from 9:30 to 10:10, ready at 10:45. */
static void
hold_session (Fixture     *fixture,
              const Visit *visit)
{
  const int no_risk[] = { 0, 0, TONIC_ANSWER_SKIPPED, TONIC_ANSWER_SKIPPED,
                          TONIC_ANSWER_SKIPPED, 0, 0 };
  int phq9[9];
  int madrs[10];
  g_autoptr(TonicSession) started = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) signed_session = NULL;
  g_autoptr(TonicSessionScore) screen = NULL;
  g_autoptr(TonicSessionScore) phq9_score = NULL;
  g_autoptr(TonicSessionScore) madrs_score = NULL;
  g_autoptr(GError) error = NULL;
  int d = visit->days_ago;

  started = sessions_test_start_session (fixture->store, tonic_patient_get_id (fixture->patient),
                                         0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (started);

  started->fasting = TRUE;
  started->driver = TRUE;
  started->consent_current = TRUE;
  g_free (started->checked_in_at);
  started->checked_in_at = moment (d, 9, 0);
  started->weight_kg = 80.0 - d / 20.0;
  g_free (started->weight_measured_at);
  started->weight_measured_at = moment (d, 9, 5);
  g_free (started->started_at);
  started->started_at = moment (d, 9, 30);
  g_free (started->lot_number);
  started->lot_number = g_strdup ("KX-2291-B");
  saved = sessions_test_save_session (fixture->store, started, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (saved->calculated_mg, >, 0);

  add_vitals (fixture, saved->id, d, 9, 20, TONIC_VITALS_PHASE_PRE, 126, 80);
  add_vitals (fixture, saved->id, d, 9, 50, TONIC_VITALS_PHASE_DURING,
              visit->bp_warning ? 166 : 134, visit->bp_warning ? 98 : 84);
  add_vitals (fixture, saved->id, d, 10, 30, TONIC_VITALS_PHASE_RECOVERY, 128, 80);

  screen = save_score (fixture, saved->id, TONIC_INSTRUMENT_CSSRS, no_risk, G_N_ELEMENTS (no_risk));
  fill_answers (phq9, 8, 3, visit->phq9 - (visit->phq9_item9 ? 1 : 0));
  phq9[8] = visit->phq9_item9 ? 1 : 0;
  phq9_score = save_score (fixture, saved->id, TONIC_INSTRUMENT_PHQ9, phq9, G_N_ELEMENTS (phq9));
  g_assert_cmpfloat (phq9_score->score.total, ==, visit->phq9);
  if (visit->phq9_item9)
    {
      g_autoptr(TonicSessionScore) acknowledged = NULL;

      g_assert_cmpint (phq9_score->score.safety, ==, TONIC_SAFETY_PHQ9_ITEM9);
      acknowledged = sessions_test_acknowledge_safety (fixture->store, phq9_score->id, SAFETY_NOTE,
                                                       &error);
      g_assert_no_error (error);
      g_assert_nonnull (acknowledged);
    }
  fill_answers (madrs, G_N_ELEMENTS (madrs), 6, visit->madrs);
  madrs_score = save_score (fixture, saved->id, TONIC_INSTRUMENT_MADRS, madrs,
                            G_N_ELEMENTS (madrs));

  saved->given_mg = saved->calculated_mg;
  g_free (saved->ended_at);
  saved->ended_at = moment (d, 10, 10);
  g_free (saved->ready_at);
  saved->ready_at = moment (d, 10, 45);
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    saved->aldrete[i] = 2;
  g_free (saved->driver_name);
  saved->driver_name = g_strdup ("Ngozi Okonkwo-Brandt");
  saved->side_effects = visit->side_effects;
  g_free (saved->side_effects_other);
  saved->side_effects_other = g_strdup (visit->other);
  g_free (saved->serious_adverse_event);
  saved->serious_adverse_event = g_strdup (visit->adverse_event);
  documented = sessions_test_save_session (fixture->store, saved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (documented);

  signed_session = sessions_test_sign_session (fixture->store, documented->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_session);
  g_assert_cmpint (signed_session->status, ==, TONIC_SESSION_STATUS_SIGNED);
}

/* A practice with a clinician (signed in), a patient with treatment-
 * resistant depression referred by a psychiatrist, weighed yesterday, a
 * signed IV depression plan and the ten sessions of visits[]. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *weighed_at = moment (1, 8, 45);
  g_autofree char *path = NULL;
  TonicPatientFields fields;

  fixture->dir = store_test_make_dir ();
  path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (61);
  fixture->store = store_test_open_signed_in (path, fixture->key);

  clinician = store_test_add_staff (fixture->store, CLINICIAN, CLINICIAN_NAME,
                                    TONIC_ROLE_CLINICIAN, store_test_hash (STORE_TEST_PASSWORD),
                                    &error);
  g_assert_no_error (error);
  patients_test_sign_in_as (fixture->store, CLINICIAN);

  patients_test_fields (&fields, PATIENT_NAME, "1979-02-14");
  fields.preferred_name = "Rike";
  fields.sex = TONIC_SEX_FEMALE;
  fields.indications = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
  fields.referrer_name = "Dr Ana Ruiz";
  fields.referrer_practice = "Northside Psychiatry";
  fixture->patient = patients_test_create_patient (fixture->store, &fields, &error);
  g_assert_no_error (error);
  g_assert_true (patients_test_add_weight (fixture->store, tonic_patient_get_id (fixture->patient),
                                           80.0, weighed_at, &error));
  g_assert_no_error (error);

  plan = sessions_test_new_plan (tonic_patient_get_id (fixture->patient),
                                 TONIC_PROTOCOL_IV_DEPRESSION,
                                 TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  g_free (plan->goals);
  plan->goals = g_strdup (GOALS);
  fixture->plan = sessions_test_add_signed_plan (fixture->store, plan);

  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    hold_session (fixture, &visits[i]);

  fixture->sessions = sessions_test_list_sessions (fixture->store,
                                                   tonic_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->sessions->len, ==, G_N_ELEMENTS (visits));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->sessions, g_ptr_array_unref);
  g_clear_pointer (&fixture->plan, tonic_plan_free);
  g_clear_object (&fixture->patient);
  if (fixture->store != NULL)
    tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* The series of the plan's outcome measures, as the Outcomes page makes
 * them: PHQ-9, MADRS and QIDS-SR16 (never scored here). */
static GPtrArray *
make_series (GPtrArray       *sessions,
             const TonicPlan *plan)
{
  const TonicInstrument measures[] = { TONIC_INSTRUMENT_PHQ9, TONIC_INSTRUMENT_MADRS,
                                       TONIC_INSTRUMENT_QIDS_SR16 };
  GPtrArray *series = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_outcome_series_unref);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_assert_true ((plan->measures & TONIC_INSTRUMENT_BIT (measures[i])) != 0);
      g_ptr_array_add (series, tonic_outcome_series_new_for_course (sessions, plan->course_id,
                                                                     measures[i], NULL));
    }

  return series;
}

/* The report's date: today at noon. */
static GDateTime *
report_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), 12, 0, 0);
}

/* -- Checking the output ----------------------------------------------------------- */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);

  return out;
}

/* The share of pixels of @surface in @area (points of a page drawn at
 * @dpi) that are not white. */
static double
ink_share (cairo_surface_t         *surface,
           const cairo_rectangle_t *area,
           double                   dpi)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int x0 = CLAMP ((int) (area->x * dpi / 72), 0, width);
  int y0 = CLAMP ((int) (area->y * dpi / 72), 0, height);
  int x1 = CLAMP ((int) ((area->x + area->width) * dpi / 72), 0, width);
  int y1 = CLAMP ((int) ((area->y + area->height) * dpi / 72), 0, height);
  guint inked = 0;

  g_assert_cmpint (cairo_image_surface_get_format (surface), !=, CAIRO_FORMAT_A8);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 16) & 0xff) < 200 || ((pixel >> 8) & 0xff) < 200 || (pixel & 0xff) < 200)
          inked++;
      }

  return (double) inked / MAX (1, (x1 - x0) * (y1 - y0));
}

/* Writes @report as a PDF in @dir, turns it into PNG pages at 50 dpi with
 * pdftoppm and checks them: one per page of the layout, each of the
 * paper's size and with ink in the content area and in the footer. Keeps
 * them and the PDF in TONIC_TEST_SCREENSHOT_DIR when set. Returns
 * pdftotext's reading of the PDF. */
static char *
check_pdf (TonicProgressReport *report,
           const char          *dir,
           const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, name);
  g_autofree char *prefix = g_strdup_printf ("%s/%s-page", dir, name);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  const char *toppm[] = { "pdftoppm", "-png", "-r", "50", pdf, prefix, NULL };
  const char *totext[] = { "pdftotext", "-enc", "UTF-8", "-layout", pdf, "-", NULL };
  const char *keep = g_getenv ("TONIC_TEST_SCREENSHOT_DIR");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *ppm_out = NULL;
  g_autofree char *page_prefix = g_strdup_printf ("%s-page-", name);
  cairo_rectangle_t content;
  cairo_rectangle_t footer;
  double page_width, page_height;
  const char *entry;
  guint n_pages;
  GStatBuf st;

  g_assert_true (tonic_progress_report_write_pdf (report, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  n_pages = tonic_progress_report_get_n_pages (report);
  tonic_progress_report_get_page_size (report, &page_width, &page_height);
  tonic_progress_report_get_content_area (report, &content);
  footer = (cairo_rectangle_t) { content.x, content.y + content.height, content.width,
                                 page_height - content.y - content.height };

  ppm_out = run (toppm);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (entry, page_prefix) && g_str_has_suffix (entry, ".png"))
      g_ptr_array_add (pages, g_build_filename (dir, entry, NULL));
  g_ptr_array_sort (pages, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (pages->len, ==, n_pages);

  if (keep != NULL && *keep != '\0')
    {
      g_autofree char *base = g_strdup_printf ("progress-report-%s.pdf", name);
      g_autofree char *kept = g_build_filename (keep, base, NULL);

      g_mkdir_with_parents (keep, 0700);
      store_test_copy_file (pdf, kept);
    }

  for (guint i = 0; i < pages->len; i++)
    {
      const char *png = g_ptr_array_index (pages, i);
      cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
      double content_ink, footer_ink;

      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      /* 50 dpi: the paper's size, give or take the rounding. */
      g_assert_cmpfloat (ABS (cairo_image_surface_get_width (surface) - page_width * 50 / 72), <=,
                         1);
      g_assert_cmpfloat (ABS (cairo_image_surface_get_height (surface) - page_height * 50 / 72),
                         <=, 1);

      content_ink = ink_share (surface, &content, 50);
      footer_ink = ink_share (surface, &footer, 50);
      g_test_message ("%s page %u: %.1f %% ink, footer %.1f %%", name, i + 1, content_ink * 100,
                      footer_ink * 100);
      g_assert_cmpfloat (content_ink, >, 0.005);
      g_assert_cmpfloat (footer_ink, >, 0.002);
      cairo_surface_destroy (surface);

      if (keep != NULL && *keep != '\0')
        {
          g_autofree char *base = g_strdup_printf ("progress-report-%s-page-%u.png", name, i + 1);
          g_autofree char *kept = g_build_filename (keep, base, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (png, &contents, &length, &error));
          g_assert_true (g_file_set_contents (kept, contents, (gssize) length, &error));
          g_assert_no_error (error);
        }
      g_unlink (png);
    }

  return run (totext);
}

/* Every block lies in the content area of its page; blocks of a page do
 * not overlap and come in page order; every session is one table row; a
 * page the table goes on to starts with the table's header; charts are
 * whole. Returns the number of table header blocks. */
static guint
check_layout (TonicProgressReport *report,
              GPtrArray           *expected_sessions,
              guint                expected_charts)
{
  cairo_rectangle_t content;
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_blocks = tonic_progress_report_get_n_blocks (report);
  guint n_pages = tonic_progress_report_get_n_pages (report);
  guint n_headers = 0;
  guint n_charts = 0;
  guint page = 0;
  double y = 0;
  gboolean in_table = FALSE;

  tonic_progress_report_get_content_area (report, &content);
  g_assert_cmpuint (n_blocks, >, 0);

  for (guint i = 0; i < n_blocks; i++)
    {
      const TonicReportBlock *block = tonic_progress_report_get_block (report, i);
      const cairo_rectangle_t *r = &block->rect;

      g_assert_cmpuint (block->page, <, n_pages);
      g_assert_cmpuint (block->page, >=, page);
      if (block->page != page)
        {
          /* A table goes on under its header again. */
          g_assert_cmpint (block->kind, !=, TONIC_REPORT_BLOCK_TABLE_ROW);
          page = block->page;
          y = content.y;
        }

      g_assert_cmpfloat (r->height, >, 0);
      g_assert_cmpfloat (r->x, >=, content.x - 0.001);
      g_assert_cmpfloat (r->x + r->width, <=, content.x + content.width + 0.001);
      g_assert_cmpfloat (r->y, >=, y - 0.001);
      g_assert_cmpfloat (r->y + r->height, <=, content.y + content.height + 0.001);
      y = r->y + r->height;

      switch (block->kind)
        {
        case TONIC_REPORT_BLOCK_TABLE_HEADER:
          n_headers++;
          in_table = TRUE;
          break;

        case TONIC_REPORT_BLOCK_TABLE_ROW:
          g_assert_true (in_table);
          g_assert_cmpint (block->session_id, >, 0);
          g_assert_false (g_hash_table_contains (rows, &block->session_id));
          g_hash_table_add (rows, (gpointer) &block->session_id);
          /* A row fits a few lines of side effects, never a page. */
          g_assert_cmpfloat (r->height, <, 90);
          break;

        case TONIC_REPORT_BLOCK_CHART:
          n_charts++;
          in_table = FALSE;
          break;

        case TONIC_REPORT_BLOCK_TITLE:
        case TONIC_REPORT_BLOCK_HEADING:
        case TONIC_REPORT_BLOCK_TEXT:
        case TONIC_REPORT_BLOCK_SIGNATURE:
        default:
          in_table = FALSE;
          break;
        }
    }

  g_assert_cmpuint (page, ==, n_pages - 1);
  g_assert_cmpuint (n_charts, ==, expected_charts);
  g_assert_cmpuint (g_hash_table_size (rows), ==, expected_sessions->len);
  for (guint i = 0; i < expected_sessions->len; i++)
    {
      TonicSession *session = g_ptr_array_index (expected_sessions, i);

      g_assert_true (g_hash_table_contains (rows, &session->id));
    }

  /* The first block is the title, the last the signature. */
  g_assert_cmpint (tonic_progress_report_get_block (report, 0)->kind, ==, TONIC_REPORT_BLOCK_TITLE);
  g_assert_cmpint (tonic_progress_report_get_block (report, n_blocks - 1)->kind, ==,
                   TONIC_REPORT_BLOCK_SIGNATURE);

  return n_headers;
}

/* The number of distinct pages holding table rows. */
static guint
count_table_pages (TonicProgressReport *report)
{
  guint n = 0;
  int last = -1;

  for (guint i = 0; i < tonic_progress_report_get_n_blocks (report); i++)
    {
      const TonicReportBlock *block = tonic_progress_report_get_block (report, i);

      if (block->kind == TONIC_REPORT_BLOCK_TABLE_ROW && (int) block->page != last)
        {
          n++;
          last = (int) block->page;
        }
    }

  return n;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *found = strstr (text, needle); found != NULL; found = strstr (found + 1, needle))
    n++;

  return n;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the report:\n%s", needle, text);
}

/* -- Tests ------------------------------------------------------------------------- */

static void
test_sample_course (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) series = make_series (fixture->sessions, fixture->plan);
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *summary = tonic_outcome_series_get_summary (g_ptr_array_index (series, 0));
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, fixture->plan,
                                      fixture->sessions, series, CLINICIAN_NAME, date);
  tonic_progress_report_set_paper (report, TONIC_REPORT_PAPER_A4);
  g_assert_cmpint (tonic_progress_report_get_paper (report), ==, TONIC_REPORT_PAPER_A4);

  /* PHQ-9 and MADRS are charted; QIDS-SR16 has no scores: a line, no chart. */
  check_layout (report, fixture->sessions, 2);
  g_assert_cmpuint (tonic_progress_report_get_n_pages (report), >=, 2);

  text = check_pdf (report, fixture->dir, "sample");
  g_test_message ("pdftotext read:\n%s", text);

  assert_contains (text, "Treatment Progress Report");
  assert_contains (text, STORE_TEST_PRACTICE_NAME);
  assert_contains (text, "Rike (Henrike Søndergaard)");
  assert_contains (text, tonic_patient_get_mrn (fixture->patient));
  assert_contains (text, "14 February 1979");
  assert_contains (text, "Dr Ana Ruiz, Northside");
  assert_contains (text, "10 signed sessions");
  assert_contains (text, "PHQ-9 fell from 21 to 3");
  g_assert_nonnull (strstr (summary, "PHQ-9 fell from 21 to 3"));
  assert_contains (text, "No QIDS-SR16 scores in this course");
  assert_contains (text, "Side effects");
  assert_contains (text, "Transient blurred vision");
  assert_contains (text, "Serious adverse event.");
  assert_contains (text, "Vasovagal episode");
  assert_contains (text, "Safety flag:");
  assert_contains (text, "Acknowledged by Dr");
  assert_contains (text, "Vital signs warning at 20 min.");
  assert_contains (text, "Rate halved");
  assert_contains (text, "Current plan");
  assert_contains (text, "0.5 mg/kg IV over 40 min");
  assert_contains (text, "back to part-time work");
  assert_contains (text, CLINICIAN_NAME);
  assert_contains (text, "Page 1 of");

  file_name = tonic_progress_report_dup_file_name (report);
  expected_name = g_strdup_printf ("progress-report-%s-%s.pdf",
                                   tonic_patient_get_mrn (fixture->patient), day);
  g_assert_cmpstr (file_name, ==, expected_name);
}

/* A copy of @sessions made into a course of @n sessions, two or three
 * days apart and then weekly, every fifth with a long description of
 * other side effects (which the table cuts to a few lines). */
static GPtrArray *
make_long_course (GPtrArray *sessions,
                  guint      n)
{
  GPtrArray *course = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_free);
  int days_ago = 300;

  for (guint i = 0; i < n; i++)
    {
      TonicSession *session = tonic_session_copy (g_ptr_array_index (sessions, i % sessions->len));

      session->id = 1000 + i;
      session->number = (int) i + 1;
      for (guint s = 0; s < session->scores->len; s++)
        ((TonicSessionScore *) g_ptr_array_index (session->scores, s))->session_id = session->id;
      g_free (session->checked_in_at);
      session->checked_in_at = moment (days_ago, 9, 0);
      days_ago -= i < 6 ? 3 : 7;
      if (i % 5 == 4)
        {
          GString *other = g_string_new (NULL);

          while (other->len < 3800)
            g_string_append (other, "Felt the room tilt and the colours grow loud for a "
                                    "while, then settled. ");
          session->side_effects |= TONIC_SIDE_EFFECT_OTHER;
          g_free (session->side_effects_other);
          session->side_effects_other = g_string_free (other, FALSE);
        }
      g_ptr_array_add (course, session);
    }

  return course;
}

static void
test_long_course (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) course = make_long_course (fixture->sessions, 40);
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autofree char *text = NULL;
  const TonicSession *long_session;
  guint n_headers;
  guint n_pages;

  /* No series given: the report makes one per outcome measure of the plan. */
  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, fixture->plan,
                                      course, NULL, CLINICIAN_NAME, date);

  /* Letter first, then A4: the table flows over pages either way. */
  n_pages = tonic_progress_report_layout (report, 612, 792);
  g_assert_cmpuint (n_pages, ==, tonic_progress_report_get_n_pages (report));
  n_headers = check_layout (report, course, 2);
  g_assert_cmpuint (count_table_pages (report), >=, 2);
  g_assert_cmpuint (n_headers, ==, count_table_pages (report));

  tonic_progress_report_set_paper (report, TONIC_REPORT_PAPER_A4);
  n_headers = check_layout (report, course, 2);
  g_assert_cmpuint (count_table_pages (report), >=, 2);
  g_assert_cmpuint (n_headers, ==, count_table_pages (report));
  g_assert_cmpuint (tonic_progress_report_get_n_pages (report), >=, 4);

  text = check_pdf (report, fixture->dir, "long-course");
  assert_contains (text, "40 signed sessions");
  assert_contains (text, "Felt the room tilt");
  /* The 3800-character descriptions (eight of them) are cut to a few lines
   * in the table (check_layout() saw short rows) and given whole under the
   * adverse events: every sentence of them is in the report. */
  long_session = g_ptr_array_index (course, 4);
  g_assert_cmpuint (count_occurrences (text, "tilt"), >=,
                    8 * count_occurrences (long_session->side_effects_other, "tilt"));
  assert_contains (text, "Side effects.");

  tonic_progress_report_set_paper (report, TONIC_REPORT_PAPER_LETTER);
  g_clear_pointer (&text, g_free);
  text = check_pdf (report, fixture->dir, "long-course-letter");
  check_layout (report, course, 2);
}

/* Goals written as a long list run over more than a page: the paragraph
 * breaks between its lines, and nothing leaves the content area. */
static void
test_long_text (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = tonic_plan_copy (fixture->plan);
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autoptr(GString) goals = g_string_new (NULL);
  g_autofree char *text = NULL;
  cairo_rectangle_t content;
  guint n_full_pages = 0;

  for (guint i = 1; goals->len < 3900; i++)
    g_string_append_printf (goals, "%u. Review sleep and appetite.\n", i);
  g_free (plan->goals);
  plan->goals = g_string_free (g_steal_pointer (&goals), FALSE);

  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, plan,
                                      fixture->sessions, NULL, CLINICIAN_NAME, date);
  tonic_progress_report_set_paper (report, TONIC_REPORT_PAPER_A4);
  check_layout (report, fixture->sessions, 2);
  tonic_progress_report_get_content_area (report, &content);

  /* The goals break between lines: a page of them between their first
   * part (down to the foot of a page) and the rest (from the top of the
   * next). */
  for (guint i = 1; i + 1 < tonic_progress_report_get_n_blocks (report); i++)
    {
      const TonicReportBlock *block = tonic_progress_report_get_block (report, i);
      const TonicReportBlock *before = tonic_progress_report_get_block (report, i - 1);
      const TonicReportBlock *after = tonic_progress_report_get_block (report, i + 1);

      if (block->kind != TONIC_REPORT_BLOCK_TEXT || block->rect.height < content.height * 0.9)
        continue;

      g_assert_cmpint (before->kind, ==, TONIC_REPORT_BLOCK_TEXT);
      g_assert_cmpuint (before->page + 1, ==, block->page);
      g_assert_cmpfloat (before->rect.y + before->rect.height, >, content.y + content.height - 20);
      g_assert_cmpint (after->kind, ==, TONIC_REPORT_BLOCK_TEXT);
      g_assert_cmpuint (after->page, ==, block->page + 1);
      g_assert_cmpfloat (after->rect.y, ==, content.y);
      n_full_pages++;
    }
  g_assert_cmpuint (n_full_pages, ==, 1);

  text = check_pdf (report, fixture->dir, "long-text");
  assert_contains (text, "1. Review sleep and appetite.");
  assert_contains (text, "100. Review sleep and appetite.");
}

/* A plan signed, nothing held yet: a short report that says so. */
static void
test_no_sessions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pages = NULL;

  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, fixture->plan,
                                      none, NULL, CLINICIAN_NAME, date);
  check_layout (report, none, 0);
  g_assert_cmpuint (tonic_progress_report_get_n_pages (report), <=, 2);

  text = check_pdf (report, fixture->dir, "no-sessions");
  assert_contains (text, "No signed sessions yet");
  assert_contains (text, "No PHQ-9 scores in this course");
  assert_contains (text, "No signed sessions in this course yet.");
  assert_contains (text, "No serious adverse events, safety flags or vital-sign alerts");
  pages = g_strdup_printf ("Page 1 of %u", tonic_progress_report_get_n_pages (report));
  assert_contains (text, pages);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  *(GtkPrintOperationResult *) user_data = result;
}

/* Printing lays the pages out for the paper of the print operation and
 * draws the same pages: exported through GtkPrintOperation, the PDF has
 * the layout's page count. */
static void
test_print (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *info = NULL;
  char *pages;
  GtkPrintOperationResult done = GTK_PRINT_OPERATION_RESULT_IN_PROGRESS;
  GtkPrintOperationResult result;
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  guint n_pages;

  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, fixture->plan,
                                      fixture->sessions, NULL, CLINICIAN_NAME, date);
  tonic_progress_report_set_paper (report, TONIC_REPORT_PAPER_LETTER);

  operation = _tonic_progress_report_new_print_operation (report);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), &done);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpint (done, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* Laid out for Letter by begin-print. */
  n_pages = tonic_progress_report_get_n_pages (report);
  g_assert_cmpuint (n_pages, >=, 2);
  info = run (pdfinfo);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpuint (g_ascii_strtoull (g_strchug (pages + strlen ("Pages:")), NULL, 10), ==,
                    n_pages);
  assert_contains (info, "612 x 792 pts (letter)");
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GDateTime) date = report_date ();
  g_autoptr(TonicProgressReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-dir/report.pdf");
  g_autoptr(GError) error = NULL;

  report = tonic_progress_report_new (STORE_TEST_PRACTICE_NAME, fixture->patient, fixture->plan,
                                      fixture->sessions, NULL, CLINICIAN_NAME, date);
  g_assert_false (tonic_progress_report_write_pdf (report, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/progress-report/sample-course", Fixture, NULL, fixture_set_up,
              test_sample_course, fixture_tear_down);
  g_test_add ("/progress-report/long-course", Fixture, NULL, fixture_set_up, test_long_course,
              fixture_tear_down);
  g_test_add ("/progress-report/long-text", Fixture, NULL, fixture_set_up, test_long_text,
              fixture_tear_down);
  g_test_add ("/progress-report/no-sessions", Fixture, NULL, fixture_set_up, test_no_sessions,
              fixture_tear_down);
  g_test_add ("/progress-report/print", Fixture, NULL, fixture_set_up, test_print,
              fixture_tear_down);
  g_test_add ("/progress-report/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);

  return g_test_run ();
}
