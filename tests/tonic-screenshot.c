/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tonic-screenshot [--sample] OUTDIR PAGE…: opens Tonic's real windows on
 * a scratch practice, brings each named page up the way a person would and
 * renders it to OUTDIR/PAGE.png. The Today board, the patients, the plans
 * and the sessions are shown on the sample practice (tonic-sample); with
 * --sample, so are the pages of a signed-in administrator (main, lock,
 * admin-staff, admin-audit). Run through build-aux/screenshot, which
 * provides the display, the keyring and a throwaway HOME. */
#define G_LOG_DOMAIN "tonic-screenshot"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tonic-admin-view.h"
#include "tonic-audit-page.h"
#include "tonic-clinical-defaults.h"
#include "tonic-password.h"
#include "tonic-patient-list.h"
#include "tonic-outcomes-page.h"
#include "tonic-patient-record.h"
#include "tonic-patients-view.h"
#include "tonic-plan-editor.h"
#include "tonic-plan-view.h"
#include "tonic-overview-view.h"
#include "tonic-practice-dir.h"
#include "tonic-setup-assistant.h"
#include "tonic-sign-in-page.h"
#include "tonic-staff-page.h"
#include "tonic-sample-lib.h"
#include "tonic-session-list.h"
#include "tonic-session-page.h"
#include "tonic-test-ui.h"
#include "tonic-today-view.h"
#include "tonic-unlock-page.h"
#include "tonic-vitals-chart.h"
#include "tonic-workspace.h"

#define PRACTICE_NAME "Riverside Ketamine Clinic"
#define ADMIN_NAME    "Dana Whitfield"
#define ADMIN_USER    "dana.whitfield"
#define PASSWORD      "lantern-orbit-meadow-42"

static const char * const pages[] = {
  "setup", "setup-admin", "setup-recovery", "setup-confirm", "setup-done",
  "sign-in", "main", "lock", "unlock", "error", "admin-staff", "admin-audit", "admin-practice", "today",
  "patients", "patient", "plan", "plan-editor", "sessions", "session", "signed-session",
  "session-vitals", "outcomes", "outcomes-dark", "report",
  "overview",
};

/* --sample: the administrator's pages on the sample practice too. */
static gboolean use_sample;

/* A practice made directly (not through the assistant), its key stored in
 * the keyring when @keyring. */
static void
make_practice (const char *data_dir,
               gboolean    keyring)
{
  TonicTestPractice practice;

  tonic_test_practice_create (&practice, data_dir, PRACTICE_NAME, ADMIN_NAME, ADMIN_USER,
                              PASSWORD, keyring);
  tonic_test_practice_clear (&practice);
}

static TonicWindow *
open_window_sized (TonicApplication *app,
                   int               height)
{
  TonicWindow *window = tonic_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static TonicWindow *
open_window (TonicApplication *app)
{
  return open_window_sized (app, 760);
}

#define SETUP(window, name) \
  tonic_test_ui_child (_tonic_window_get_page_widget (window, "setup"), \
                       TONIC_TYPE_SETUP_ASSISTANT, name)

static void
drive_setup (TonicWindow *window,
             const char  *until)
{
  tonic_test_ui_wait_for_page (window, "setup");
  tonic_test_ui_type (SETUP (window, "practice_row"), PRACTICE_NAME);
  if (g_str_equal (until, "setup"))
    return;

  tonic_test_ui_click (SETUP (window, "next_button"));
  tonic_test_ui_type (SETUP (window, "name_row"), ADMIN_NAME);
  tonic_test_ui_type (SETUP (window, "password_row"), PASSWORD);
  tonic_test_ui_type (SETUP (window, "confirm_row"), PASSWORD);
  if (g_str_equal (until, "setup-admin"))
    return;

  tonic_test_ui_click (SETUP (window, "next_button"));
  if (g_str_equal (until, "setup-recovery"))
    return;

  {
    g_autofree char *key = g_strdup (gtk_label_get_label (SETUP (window, "recovery_label")));

    tonic_test_ui_click (SETUP (window, "next_button"));
    tonic_test_ui_type (SETUP (window, "confirm_key_row"), key);
  }
  if (g_str_equal (until, "setup-confirm"))
    return;

  tonic_test_ui_click (SETUP (window, "next_button"));
  while (g_strcmp0 (gtk_stack_get_visible_child_name (SETUP (window, "steps")), "done") != 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
sign_in (TonicWindow *window)
{
  GtkWidget *page = _tonic_window_get_page_widget (window, "sign-in");

  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "username_row"),
                      ADMIN_USER);
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "password_row"),
                      PASSWORD);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "sign_in_button"));
  tonic_test_ui_wait_for_page (window, "main");
}

/* A few more staff members, one of them deactivated, made through the
 * store as the signed-in administrator. */
static void
add_sample_staff (TonicStore *store)
{
  static const struct
  {
    const char *username;
    const char *name;
    TonicRole   role;
    gboolean    active;
  } people[] = {
    { "riley.okafor", "Riley Okafor", TONIC_ROLE_NURSE, TRUE },
    { "ana.nunez", "Ana María Núñez", TONIC_ROLE_CLINICIAN, TRUE },
    { "sam.lindqvist", "Sam Lindqvist", TONIC_ROLE_FRONT_DESK, TRUE },
    { "jordan.blake", "Jordan Blake", TONIC_ROLE_NURSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = tonic_password_hash (PASSWORD, &error);
      g_autoptr(TonicStaff) staff = NULL;
      TonicTestWait wait = { NULL };

      g_assert_no_error (error);
      tonic_store_add_staff_async (store, people[i].username, people[i].name, people[i].role,
                                   hash, NULL, tonic_test_wait_ready, &wait);
      staff = tonic_store_add_staff_finish (store, tonic_test_wait (&wait, "a staff member"),
                                            &error);
      g_assert_no_error (error);
      tonic_test_wait_clear (&wait);

      if (!people[i].active)
        {
          g_autoptr(TonicStaff) inactive = NULL;

          tonic_store_set_staff_active_async (store, tonic_staff_get_id (staff), FALSE, NULL,
                                              tonic_test_wait_ready, &wait);
          inactive = tonic_store_set_staff_active_finish (store,
                                                          tonic_test_wait (&wait, "a deactivation"),
                                                          &error);
          g_assert_no_error (error);
          tonic_test_wait_clear (&wait);
        }
    }
}

static gboolean
admin_section_loaded (gpointer data)
{
  GtkStack *stack = data;
  GtkWidget *section = gtk_stack_get_visible_child (stack);
  const char *name = gtk_stack_get_visible_child_name (stack);
  GtkStack *content;

  if (g_str_equal (name, "practice"))
    return gtk_widget_get_sensitive (tonic_test_ui_child (
      tonic_test_ui_child (gtk_widget_get_ancestor (GTK_WIDGET (stack), TONIC_TYPE_ADMIN_VIEW),
                           TONIC_TYPE_ADMIN_VIEW, "clinical_defaults"),
      TONIC_TYPE_CLINICAL_DEFAULTS, "reset_button"));
  if (g_str_equal (name, "staff"))
    content = GTK_STACK (tonic_test_ui_child (section, TONIC_TYPE_STAFF_PAGE, "state_stack"));
  else
    content = GTK_STACK (tonic_test_ui_child (section, TONIC_TYPE_AUDIT_PAGE, "content_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (content), "loading") != 0;
}

static gboolean
audit_verified (gpointer data)
{
  return gtk_widget_get_sensitive (tonic_test_ui_child (data, TONIC_TYPE_AUDIT_PAGE,
                                                        "verify_button"));
}

/* The Admin view of the workspace, on its "staff", "audit" or "practice" section, as
 * an administrator reaches it: the view switcher, then the sidebar. */
static void
show_admin (TonicWindow *window,
            const char  *section)
{
  GtkWidget *workspace = _tonic_window_get_page_widget (window, "main");
  AdwViewStack *views = tonic_test_ui_child (workspace, TONIC_TYPE_WORKSPACE, "views");
  GtkWidget *admin = adw_view_stack_get_child_by_name (views, "admin");
  GtkStack *stack;

  g_assert_nonnull (admin);
  add_sample_staff (_tonic_window_get_store (window));
  stack = tonic_test_ui_child (admin, TONIC_TYPE_ADMIN_VIEW, "stack");
  tonic_staff_page_reload (tonic_test_ui_child (admin, TONIC_TYPE_ADMIN_VIEW, "staff_page"));
  adw_view_stack_set_visible_child_name (views, "admin");
  gtk_stack_set_visible_child_name (stack, section);
  tonic_test_ui_wait_until (admin_section_loaded, stack, "the admin section");

  if (g_str_equal (section, "audit"))
    {
      GtkWidget *audit = tonic_test_ui_child (admin, TONIC_TYPE_ADMIN_VIEW, "audit_page");

      tonic_test_ui_click (tonic_test_ui_child (audit, TONIC_TYPE_AUDIT_PAGE, "verify_button"));
      tonic_test_ui_wait_until (audit_verified, audit, "the verification");
      tonic_test_ui_wait_until (admin_section_loaded, stack, "the audit trail");
    }
}

/* The sample practice (tonic-sample), made once per run: the Today board,
 * the patient list, a record, plans and sessions are shown on it, through
 * the real window. Its summary names the records worth showing. */
static const TonicSampleSummary *
get_sample (const char **data_dir)
{
  static TonicSampleSummary summary;
  static char *dir;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;
      TonicSampleOptions options;

      dir = g_build_filename (g_get_home_dir (), "sample", NULL);
      tonic_sample_options_init (&options);
      options.n_patients = 600;
      tonic_sample_generate_full (dir, &options, &summary, &error);
      g_assert_no_error (error);
    }

  if (data_dir != NULL)
    *data_dir = dir;
  return &summary;
}

static void
sign_in_as (TonicWindow *window,
            const char  *username)
{
  GtkWidget *page = _tonic_window_get_page_widget (window, "sign-in");

  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "username_row"),
                      username);
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "password_row"),
                      TONIC_SAMPLE_PASSWORD);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "sign_in_button"));
  tonic_test_ui_wait_for_page (window, "main");
}

static gpointer
show_view (TonicWindow *window,
           const char  *name)
{
  GtkWidget *workspace = _tonic_window_get_page_widget (window, "main");
  AdwViewStack *views = tonic_test_ui_child (workspace, TONIC_TYPE_WORKSPACE, "views");

  adw_view_stack_set_visible_child_name (views, name);
  return adw_view_stack_get_child_by_name (views, name);
}

static gboolean
board_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_TODAY_VIEW, "state_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "board") == 0;
}

static gboolean
patients_found (gpointer data)
{
  GtkListView *list_view = tonic_test_ui_child (data, TONIC_TYPE_PATIENTS_VIEW, "list_view");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(TonicPatientItem) first = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return FALSE;
  first = g_list_model_get_item (model, 0);
  return tonic_patient_item_get_patient (first) != NULL;
}

static gboolean
record_shown (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_PATIENTS_VIEW, "detail_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "record") == 0;
}

static gboolean
plans_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_PLAN_VIEW, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

/* The plan editor the Plan tab opened, once it is on screen. */
static GtkWidget *
find_plan_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (TONIC_IS_PLAN_EDITOR (toplevel) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
plan_editor_shown (gpointer data)
{
  return find_plan_editor () != NULL;
}

static gboolean
session_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_SESSION_PAGE, "content_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

/* Scrolls the scrolled window around @target so that @target is near its
 * top. */
static void
scroll_to (GtkWidget *target)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  double x, y;

  g_assert_nonnull (scroller);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  tonic_test_ui_spin (500);
  g_assert_true (gtk_widget_translate_coordinates (target, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            y - 12);
}

/* The patient's record as a clinician sees it, on its tab @tab. */
static GtkWidget *
show_record (TonicWindow *window,
             gint64       patient_id,
             const char  *tab)
{
  TonicPatientsView *view = show_view (window, "patients");
  GtkWidget *record;
  AdwViewStack *stack;

  tonic_test_ui_wait_until (patients_found, view, "the patient list");
  tonic_patients_view_show_patient (view, patient_id);
  tonic_test_ui_wait_until (record_shown, view, "the record");

  record = tonic_test_ui_child (view, TONIC_TYPE_PATIENTS_VIEW, "record");
  stack = tonic_test_ui_child (record, TONIC_TYPE_PATIENT_RECORD, "stack");
  adw_view_stack_set_visible_child_name (stack, tab);
  return adw_view_stack_get_child_by_name (stack, tab);
}

/* "plan": the Plan tab of a plan revised to version 2; "plan-editor": the
 * editor open on a plan drafted during an assessment. */
static void
show_plan (TonicWindow  *window,
           const char   *page,
           GtkWidget   **shot)
{
  const TonicSampleSummary *sample = get_sample (NULL);
  gboolean editor = g_str_equal (page, "plan-editor");
  GtkWidget *plan_view;

  g_assert_cmpint (editor ? sample->draft_plan_patient_id : sample->revised_patient_id, >, 0);
  plan_view = show_record (window,
                           editor ? sample->draft_plan_patient_id : sample->revised_patient_id,
                           "plan");
  g_assert_nonnull (plan_view);
  tonic_test_ui_wait_until (plans_loaded, plan_view, "the plans");
  if (!editor)
    {
      /* The versions: who signed each, what changed and why. */
      scroll_to (tonic_test_ui_child (plan_view, TONIC_TYPE_PLAN_VIEW, "history_box"));
      return;
    }

  tonic_test_ui_click_when_mapped (tonic_test_ui_child (plan_view, TONIC_TYPE_PLAN_VIEW,
                                                        "continue_button"));
  tonic_test_ui_wait_until (plan_editor_shown, NULL, "the plan editor");
  *shot = find_plan_editor ();
  /* The screening, half done: what still blocks signing. */
  scroll_to (tonic_test_ui_child (*shot, TONIC_TYPE_PLAN_EDITOR, "screening_group"));
}

static gboolean
sessions_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_SESSION_LIST, "state_stack");
  const char *name = gtk_stack_get_visible_child_name (stack);

  return g_strcmp0 (name, "loading") != 0 && g_strcmp0 (name, "nothing") != 0;
}

static gboolean
outcomes_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_OUTCOMES_PAGE, "stack");
  const char *name = gtk_stack_get_visible_child_name (stack);

  return g_strcmp0 (name, "loading") != 0 && g_strcmp0 (name, "nothing") != 0;
}

/* Where the pages are written (the report's PDF and its pages too). */
static const char *shot_dir;

/* "outcomes" (and "outcomes-dark"): the Outcomes tab of the course whose
 * plan was revised; "report": its progress report, saved as a PDF the way
 * Save Report does and turned into PNG pages (report-1.png, …) by pdftoppm. */
static void
show_outcomes (TonicWindow *window,
               const char  *page)
{
  const TonicSampleSummary *sample = get_sample (NULL);
  GtkWidget *outcomes;

  g_assert_cmpint (sample->revised_patient_id, >, 0);
  outcomes = show_record (window, sample->revised_patient_id, "outcomes");
  g_assert_nonnull (outcomes);
  tonic_test_ui_wait_until (outcomes_loaded, outcomes, "the outcomes");

  if (g_str_equal (page, "report"))
    {
      g_autofree char *pdf = g_build_filename (shot_dir, "report.pdf", NULL);
      g_autofree char *prefix = g_build_filename (shot_dir, "report", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (pdf);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      _tonic_outcomes_page_save_report (TONIC_OUTCOMES_PAGE (outcomes), file);
      g_assert_true (g_file_query_exists (file, NULL));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

/* "sessions": the Sessions tab of the course whose plan was revised. */
static void
show_sessions (TonicWindow *window)
{
  const TonicSampleSummary *sample = get_sample (NULL);
  GtkWidget *list;

  g_assert_cmpint (sample->revised_patient_id, >, 0);
  list = show_record (window, sample->revised_patient_id, "sessions");
  g_assert_nonnull (list);
  tonic_test_ui_wait_until (sessions_loaded, list, "the sessions");
}

/* "session": today's session under way in chair 1, with a blood pressure
 * warning not yet acknowledged; "signed-session": a signed session with an
 * amendment. Opened the way the Today board and the Sessions tab open
 * them: the workspace's open-session action. */
static void
show_session (TonicWindow *window,
              const char  *page)
{
  const TonicSampleSummary *sample = get_sample (NULL);
  gint64 id = g_str_equal (page, "session") ? sample->in_chair_session_id
                                            : sample->amended_session_id;
  GtkWidget *workspace = _tonic_window_get_page_widget (window, "main");
  GtkWidget *session_page;

  g_assert_cmpint (id, >, 0);
  g_assert_true (gtk_widget_activate_action (workspace, "workspace.open-session", "x", id));
  session_page = adw_bin_get_child (tonic_test_ui_child (workspace, TONIC_TYPE_WORKSPACE,
                                                         "session_bin"));
  g_assert_true (TONIC_IS_SESSION_PAGE (session_page));
  tonic_test_ui_wait_until (session_loaded, session_page, "the session");

  /* Under way: down to the vitals and their warning. */
  if (g_str_equal (page, "session"))
    scroll_to (tonic_test_ui_child (session_page, TONIC_TYPE_SESSION_PAGE, "vitals_group"));
  /* Signed: its vitals chart. */
  if (g_str_equal (page, "session-vitals"))
    scroll_to (tonic_test_ui_find_widget (tonic_test_ui_child (session_page,
                                                               TONIC_TYPE_SESSION_PAGE,
                                                               "record_box"),
                                          TONIC_TYPE_VITALS_CHART, NULL));
}

static gboolean
overview_loaded (gpointer data)
{
  GtkStack *stack = tonic_test_ui_child (data, TONIC_TYPE_OVERVIEW_VIEW, "state_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

/* "today": the board as a nurse sees it; "patients": the list searched;
 * "patient": a record as a clinician sees it; the plans and sessions as a
 * clinician sees them. @shot: what to render, when not the window. */
static TonicWindow *
show_sample_page (const char  *page,
                  GtkWidget  **shot)
{
  const char *data_dir;
  TonicWindow *window;

  get_sample (&data_dir);
  /* Sessions are long forms: a taller window shows more of them. */
  window = open_window_sized (tonic_test_ui_app_get (data_dir),
                              g_str_has_suffix (page, "session") ? 1000 : 760);
  tonic_test_ui_wait_for_page (window, "sign-in");

  if (g_str_equal (page, "today"))
    {
      sign_in_as (window, "nurse");
      tonic_test_ui_wait_until (board_loaded, show_view (window, "today"), "the Today board");
    }
  else if (g_str_has_prefix (page, "plan"))
    {
      sign_in_as (window, "clinician");
      show_plan (window, page, shot);
    }
  else if (g_str_has_suffix (page, "session") || g_str_equal (page, "session-vitals"))
    {
      sign_in_as (window, "clinician");
      show_session (window, page);
    }
  else if (g_str_equal (page, "overview"))
    {
      /* The practice's outcomes by indication, as a clinician sees them. */
      sign_in_as (window, "clinician");
      tonic_test_ui_wait_until (overview_loaded, show_view (window, "overview"), "the overview");
    }
  else if (g_str_equal (page, "sessions"))
    {
      sign_in_as (window, "clinician");
      show_sessions (window);
    }
  else if (g_str_has_prefix (page, "outcomes") || g_str_equal (page, "report"))
    {
      if (g_str_has_suffix (page, "-dark"))
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            ADW_COLOR_SCHEME_FORCE_DARK);
      sign_in_as (window, "clinician");
      show_outcomes (window, page);
    }
  else if (g_str_equal (page, "patients") || g_str_equal (page, "patient"))
    {
      TonicPatientsView *view;

      sign_in_as (window, "clinician");
      view = show_view (window, "patients");
      if (g_str_equal (page, "patients"))
        tonic_test_ui_type (tonic_test_ui_child (view, TONIC_TYPE_PATIENTS_VIEW, "search_entry"),
                            "an");
      tonic_test_ui_spin (400);
      tonic_test_ui_wait_until (patients_found, view, "the patient list");
      tonic_patients_view_show_patient (view, 3);
      tonic_test_ui_wait_until (record_shown, view, "the record");
    }
  else
    {
      /* The administrator's pages (--sample). */
      sign_in_as (window, TONIC_SAMPLE_ADMIN_USERNAME);
      if (g_str_equal (page, "lock"))
        {
          g_action_group_activate_action (G_ACTION_GROUP (tonic_test_ui_app_get (data_dir)), "lock",
                                          NULL);
          tonic_test_ui_wait_for_page (window, "sign-in");
        }
      else if (g_str_has_prefix (page, "admin-"))
        {
          show_admin (window, page + strlen ("admin-"));
        }
    }

  /* The page transitions (sign-in to the workspace, a session sliding in)
   * finish. */
  tonic_test_ui_spin (800);

  return window;
}

static gboolean
is_sample_page (const char *page)
{
  static const char * const always[] = {
    "today", "patients", "patient", "plan", "plan-editor", "sessions", "session",
    "signed-session", "session-vitals", "overview", "outcomes", "outcomes-dark", "report", NULL
  };
  static const char * const with_option[] = {
    "main", "lock", "admin-staff", "admin-audit", "admin-practice", NULL
  };

  return g_strv_contains (always, page) || (use_sample && g_strv_contains (with_option, page));
}

static void
shoot (const char *out_dir,
       const char *page)
{
  g_autofree char *data_dir = g_build_filename (g_get_home_dir (), "practices", page, NULL);
  g_autofree char *png_name = g_strconcat (page, ".png", NULL);
  g_autofree char *png = g_build_filename (out_dir, png_name, NULL);
  TonicApplication *app;
  TonicWindow *window;
  GtkWidget *shot = NULL;

  shot_dir = out_dir;
  if (is_sample_page (page))
    {
      window = show_sample_page (page, &shot);
    }
  else if (g_str_has_prefix (page, "setup"))
    {
      app = tonic_test_ui_app_get (data_dir);
      window = open_window (app);
      drive_setup (window, page);
    }
  else if (g_str_equal (page, "unlock"))
    {
      make_practice (data_dir, FALSE);
      app = tonic_test_ui_app_get (data_dir);
      window = open_window (app);
      tonic_test_ui_wait_for_page (window, "unlock");
    }
  else if (g_str_equal (page, "error"))
    {
      g_autofree char *practice = NULL;
      g_autofree char *keys = NULL;

      make_practice (data_dir, TRUE);
      /* A damaged key-slot file. */
      {
        g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
        practice = g_build_filename (data_dir, g_dir_read_name (dir), NULL);
      }
      keys = g_build_filename (practice, "practice.keys", NULL);
      g_assert_true (g_file_set_contents (keys, "not a key file", -1, NULL));
      app = tonic_test_ui_app_get (data_dir);
      window = open_window (app);
      tonic_test_ui_wait_for_page (window, "error");
    }
  else
    {
      make_practice (data_dir, TRUE);
      app = tonic_test_ui_app_get (data_dir);
      window = open_window (app);
      tonic_test_ui_wait_for_page (window, "sign-in");
      if (!g_str_equal (page, "sign-in"))
        sign_in (window);
      if (g_str_equal (page, "lock"))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
          tonic_test_ui_wait_for_page (window, "sign-in");
        }
      else if (g_str_has_prefix (page, "admin-"))
        {
          show_admin (window, page + strlen ("admin-"));
        }
    }

  tonic_test_ui_save_png (shot != NULL ? shot : GTK_WIDGET (window), png);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_print ("%s\n", png);
  if (shot != NULL && shot != GTK_WIDGET (window))
    gtk_window_destroy (GTK_WINDOW (shot));
  gtk_window_destroy (GTK_WINDOW (window));
  tonic_test_ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  const char *out_dir;

  if (argc > 1 && g_str_equal (argv[1], "--sample"))
    {
      use_sample = TRUE;
      argv[1] = argv[0];
      argv++;
      argc--;
    }

  if (argc < 3)
    {
      g_printerr ("Usage: tonic-screenshot [--sample] OUTDIR PAGE…\nPages:");
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        g_printerr (" %s", pages[i]);
      g_printerr (" all\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "all"))
        {
          for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
            shoot (out_dir, pages[j]);
        }
      else if (g_strv_contains ((const char * const *) pages, argv[i]))
        {
          shoot (out_dir, argv[i]);
        }
      else
        {
          g_printerr ("tonic-screenshot: no page called “%s”\n", argv[i]);
          return 2;
        }
    }

  return 0;
}
