import { CATALOGUES, CATEGORIES, ENUM_LABELS, EXPERTISE_FIELDS } from "@yinfa/core"
import englishMessages from "ra-language-english"
import { polyglotTemplates } from "./templates.js"
import type { YinfaMessages } from "./zh-CN.js"

const categoryLabels = Object.fromEntries(CATEGORIES.map((c) => [c.code, c.label.en]))
const formatLabels = Object.fromEntries(CATEGORIES.flatMap((c) => c.formats.map((f) => [f.code, f.label.en])))
const expertiseLabels = Object.fromEntries(EXPERTISE_FIELDS.map((e) => [e.code, e.label.en]))

const audit = { id: "ID", createdAt: "Created", updatedAt: "Updated", regionCode: "Region" }

/** yinfa's labels in English; typed against the Chinese catalogue so both stay complete. */
export const yinfaEn: YinfaMessages = {
  resources: {
    regions: {
      name: "Region |||| Regions",
      fields: {
        code: "Code",
        name: "Name",
        nameEn: "English name",
        kind: "Kind",
        parentCode: "Parent code",
        slug: "Short name",
        sortOrder: "Order"
      }
    },
    organizations: {
      name: "Organisation |||| Organisations",
      fields: { ...audit, name: "Name", kind: "Kind", contactName: "Contact", contactPhone: "Contact phone", address: "Address" }
    },
    volunteers: {
      name: "Volunteer |||| Volunteers",
      fields: {
        ...audit,
        q: "Search",
        volunteerNumber: "Volunteer number",
        name: "Name",
        gender: "Gender",
        birthDate: "Date of birth",
        idNumber: "Resident ID number",
        phone: "Mobile",
        formerUnit: "Former unit",
        formerPosition: "Former position",
        retirementType: "Retirement type",
        partyMember: "Party member",
        partyBranchId: "Party branch",
        expertise: "Expertise",
        expertiseYears: "Years of experience",
        interests: "Interests",
        talentPool: "Silver talent pool",
        fitness: "Fitness",
        monthlyHours: "Monthly capacity (hours)",
        channels: "Accepted channels",
        consentAt: "Consent given",
        healthDataConsentAt: "Health-data consent given",
        joinedAt: "Joined",
        status: "Status",
        archiveReason: "Archive reason",
        archiveNote: "Archive note",
        interests_inc: "Interest",
        expertise_inc: "Expertise"
      }
    },
    activities: {
      name: "Activity |||| Activities",
      fields: {
        ...audit,
        q: "Search",
        title: "Title",
        category: "Category",
        format: "Format",
        description: "Description",
        organizerId: "Organiser",
        partnerIds: "Partners",
        channel: "Channel",
        venue: "Venue",
        startsAt: "Starts",
        endsAt: "Ends",
        startsAt_gte: "Starts on or after",
        startsAt_lte: "Starts on or before",
        volunteersNeeded: "Volunteers needed",
        requiredExpertise: "Required expertise",
        beneficiaryGroup: "Beneficiaries",
        beneficiaryCount: "Beneficiaries reached",
        brandProjectId: "Brand project",
        riskLevel: "Risk level",
        safetyPlan: "Safety plan",
        "safetyPlan.medicalAid": "Medical aid",
        "safetyPlan.transport": "Transport",
        "safetyPlan.insurer": "Insurer",
        "safetyPlan.insurancePolicyNumber": "Insurance policy number",
        "safetyPlan.epidemicMeasures": "Epidemic measures",
        "safetyPlan.risksDisclosed": "Risks told to volunteers",
        status: "Status",
        cancelReason: "Cancellation reason",
        publishedAt: "Published",
        completedAt: "Completed"
      }
    },
    participations: {
      name: "Participation |||| Participations",
      fields: {
        ...audit,
        activityId: "Activity",
        volunteerId: "Volunteer",
        status: "Status",
        role: "Role",
        hours: "Hours",
        feedback: "Feedback",
        verifiedBy: "Verified by",
        recordedAt: "Recorded",
        recordedLate: "Recorded late",
        overrideReason: "Volunteer's agreement to exceed limits",
        signedUpAt: "Signed up",
        confirmedAt: "Confirmed",
        withdrawnAt: "Withdrawn"
      }
    },
    "service-hours": {
      name: "Service hours |||| Service hours",
      fields: {
        ...audit,
        volunteerId: "Volunteer",
        category: "Category",
        source: "Source",
        participationId: "Participation",
        pairingId: "Pairing",
        checkInId: "Check-in",
        serviceDate: "Service date",
        serviceDate_gte: "Served on or after",
        serviceDate_lte: "Served on or before",
        hours: "Hours",
        reason: "Reason",
        recordedBy: "Recorded by",
        recordedAt: "Recorded",
        late: "Recorded late"
      }
    },
    pairings: {
      name: "Pairing |||| Pairings",
      fields: {
        ...audit,
        mentorId: "Mentor",
        menteeType: "Mentee type",
        menteeName: "Mentee name",
        menteeUnit: "School or unit",
        guardianContact: "Guardian contact",
        beneficiaryOrganizationId: "Beneficiary organisation",
        category: "Category",
        goals: "Goals",
        status: "Status",
        startedOn: "Started",
        endedOn: "Ended",
        endReason: "End reason",
        endNote: "End note"
      }
    },
    "pairing-check-ins": {
      name: "Check-in |||| Check-ins",
      fields: { ...audit, pairingId: "Pairing", date: "Date", hours: "Hours", mode: "Mode", notes: "Notes", recordedBy: "Recorded by" }
    },
    "experience-reports": {
      name: "Experience report |||| Experience reports",
      fields: {
        ...audit,
        q: "Search",
        title: "Title",
        category: "Category",
        body: "Body",
        activityIds: "Related activities",
        status: "Status",
        reviewerNotes: "Reviewer notes",
        featured: "Featured",
        authorId: "Author",
        submittedAt: "Submitted",
        reviewedAt: "Reviewed",
        publishedAt: "Published"
      }
    },
    "brand-projects": {
      name: "Brand project |||| Brand projects",
      fields: {
        ...audit,
        q: "Search",
        name: "Name",
        description: "Description",
        category: "Category",
        ownerOrganizationId: "Lead organisation",
        yearStarted: "Year started"
      }
    },
    exemplars: {
      name: "Exemplar |||| Exemplars",
      fields: { ...audit, volunteerId: "Volunteer", level: "Level", year: "Year", title: "Title", citation: "Citation" }
    },
    certificates: {
      name: "Certificate |||| Certificates",
      fields: {
        ...audit,
        q: "Search",
        certificateNumber: "Certificate number",
        volunteerId: "Volunteer",
        volunteerName: "Name",
        volunteerNumber: "Volunteer number",
        maskedIdNumber: "ID number",
        totalHours: "Service hours",
        starLevel: "Star level",
        serviceSummary: "Service",
        periodFrom: "Period from",
        periodTo: "Period to",
        issuer: "Issued by",
        issuedBy: "Issued by (user)",
        issuedOn: "Issued on"
      }
    },
    users: {
      name: "User |||| Users",
      fields: { ...audit, username: "Username", displayName: "Name", role: "Role", active: "Active", password: "Password" }
    },
    "audit-log": {
      name: "Audit log |||| Audit log",
      fields: {
        ...audit,
        at: "When",
        actorId: "Actor ID",
        actorName: "Who",
        actorRole: "Role",
        resource: "Resource",
        recordId: "Record",
        action: "Action",
        changes: "Changes",
        note: "Note"
      }
    }
  },
  yinfa: {
    app: { title: "Silver Again (银发再出发)", language: "Language", zh: "简体中文", en: "English" },
    category: categoryLabels,
    format: formatLabels,
    expertise: expertiseLabels,
    core: polyglotTemplates(CATALOGUES.en),
    enum: {
      ...ENUM_LABELS.en,
      matchFactor: {
        expertise: "Expertise",
        interest: "Interest",
        region: "Region",
        channel: "Channel",
        fitness: "Fitness",
        capacity: "Remaining capacity"
      }
    },
    action: {
      publish: "Publish",
      complete: "Mark completed",
      cancel: "Cancel activity",
      confirm: "Confirm",
      attend: "Record attendance",
      withdraw: "Withdraw",
      absent: "Mark absent",
      correctHours: "Correct hours",
      activate: "Start pairing",
      decline: "Decline",
      conclude: "Conclude",
      end: "End early",
      submit: "Submit",
      accept: "Accept",
      return: "Return",
      publishReport: "Publish",
      reveal: "Show full details",
      pause: "Pause",
      archive: "Archive",
      reactivate: "Reactivate",
      signUp: "Sign up",
      addCheckIn: "Add check-in",
      apply: "Apply"
    },
    dialog: {
      reason: "Reason",
      note: "Note",
      hours: "Hours",
      feedback: "Feedback",
      notes: "Reviewer notes",
      featured: "Featured",
      overrideReason: "If this exceeds the volunteer's limits, record their agreement",
      cancelTitle: "Cancel activity",
      attendTitle: "Record attendance and hours",
      correctTitle: "Correct hours",
      declineTitle: "Decline pairing",
      endTitle: "End pairing early",
      returnTitle: "Return report",
      publishTitle: "Publish report",
      checkInTitle: "Add check-in",
      sensitiveTitle: "Full details",
      sensitiveWarning: "Viewing the ID number and phone is recorded in the audit log.",
      archiveTitle: "Archive volunteer",
      archiveHelp: "An archived volunteer is no longer matched or signed up; the service record stays, and they can be reactivated."
    },
    importExport: {
      importVolunteers: "Import roster",
      importAttendance: "Import sign-in sheet",
      titleVolunteers: "Import the volunteer roster",
      titleAttendance: "Import a sign-in sheet",
      step1: "Step 1: download the template and fill it in as its 说明 (instructions) sheet says.",
      template: "Download template",
      step2: "Step 2: choose the completed file (.xlsx or .csv).",
      file: "Choose file",
      region: "Import into region",
      regionFromFile: "From the file's 所属辖区 (region) column",
      regionHelp:
        "Leave empty to take each row's region from the file's 所属辖区 column; once chosen, every row goes into that region (the column may be left blank; rows naming another region are reported as errors).",
      validOnly: "Import the valid rows only (default: nothing is imported if any row has an error)",
      uploading: "Uploading…",
      checking: "Checking and importing, please keep this open…",
      rowsProgress: "%{parsed} rows read, %{written} written, %{failed} with errors",
      report: "Error report",
      row: "Row",
      column: "Column",
      problem: "Problem",
      more: "%{count} more not listed: download the error report to see them",
      downloadReport: "Download error report",
      close: "Close",
      start: "Import",
      summaryRolledBack: "%{rows} rows, %{invalid} with errors: nothing was imported.",
      summaryWritten: "%{rows} rows, %{written} imported.",
      exportXlsx: "Export Excel",
      exportCsv: "Export CSV",
      reveal: "With full ID numbers/phones",
      revealHelp: "The file will hold full ID numbers and phone numbers; reading each record is recorded in the audit log.",
      templateFileVolunteers: "volunteer-roster-template.xlsx",
      templateFileAttendance: "sign-in-sheet-template.xlsx",
      reportFile: "import-errors.xlsx",
      networkError: "Could not reach the server. Check the network and try again.",
      requestFailed: "The request failed (HTTP %{status}). Please try again later."
    },
    certificate: {
      issue: "Issue service certificate",
      none: "No service certificates issued yet.",
      howToIssue:
        "Certificates are issued from a volunteer's page with “Issue service certificate”; issued ones are listed here, can be printed, and anyone can verify one by its number.",
      verifyLink: "Verify a certificate",
      issueTitle: "Issue a volunteer service certificate",
      issueHelp: "The certificate states the verified hours of the period; leave it empty for all hours.",
      issued: "Certificate %{number} issued",
      print: "Print certificate",
      printNow: "Print",
      openInTab: "Open in a new tab",
      documentTitle: "Service certificate",
      verify: {
        title: "Verify a volunteer service certificate",
        help: "Enter the number printed on the certificate",
        check: "Verify",
        valid: "This certificate is genuine. It states:",
        notFound: "No certificate numbered %{number} was found. Please check the number.",
        period: "Period",
        allTime: "All service hours",
        issuer: "Issued by",
        personInCharge: "Person in charge",
        contact: "Contact",
        stars: "%{stars} (%{level} of 5 stars)",
        signIn: "Staff sign-in"
      }
    },
    notify: { done: "Done", signedUp: "Signed up", checkInAdded: "Check-in added" },
    common: { hours: "%{hours} h", none: "—", yes: "Yes", no: "No" },
    auditLog: { before: "Before", after: "After" },
    volunteer: {
      tabs: { profile: "Profile", service: "Service record", pairings: "Pairings", participations: "Activities", audit: "Audit trail" },
      sections: { identity: "Identity", background: "Former post", service: "Willingness to serve", consent: "Consent and health" },
      totalHours: "Total hours",
      starLevel: "Star level",
      hoursToNextStar: "Hours to next star",
      activitiesAttended: "Activities attended",
      checkInHours: "Mentoring hours",
      byCategory: "By category",
      noStar: "No star yet",
      fitnessNeedsConsent: "Fitness can be recorded only after separate consent to health data",
      consentHelp: "When the volunteer agreed to join and to the processing of their data (required)"
    },
    activity: {
      tabs: { summary: "Activity", safety: "Safety plan", participants: "Participants", candidates: "Suggested volunteers" },
      safetyHelp:
        "An offline or hybrid activity needs a complete safety plan before it is published; an elevated-risk activity needs insurance.",
      score: "Match",
      remainingHours: "Capacity left this month",
      eligible: "Eligible",
      ineligible: "Needs the volunteer's agreement to exceed limits",
      noCandidates: "No suitable volunteers",
      candidatesAfterStart:
        "The activity has started: a sign-up here records a volunteer who took part without signing up; then confirm it and record the attendance under Participants.",
      completeBeforeStart: "An activity can be marked complete once it has started (starts %{startsAt})"
    },
    pairing: { checkIns: "Check-ins", mentee: "Mentee" },
    report: { review: "Review" },
    dashboard: {
      title: "Overview",
      period: "Period",
      from: "From",
      to: "To",
      region: "Region",
      allRegions: "Whole city",
      category: "Category",
      allCategories: "All categories",
      scope: "Scope: %{scope}",
      volunteers: "Active volunteers",
      inTalentPool: "%{count} in the talent pool",
      joined: "%{count} joined in the period",
      activities: "Activities held",
      participations: "%{count} attendances",
      hours: "Service hours",
      serving: "%{count} volunteers served",
      beneficiaries: "Beneficiaries reached",
      pairings: "Pairings",
      pairingsDetail: "%{active} active · %{started} started · %{concluded} concluded",
      reports: "Experience reports",
      reportsDetail: "%{submitted} submitted · %{accepted} accepted · %{published} published",
      participationsLabel: "Attendances",
      joinedLabel: "Volunteers joined",
      presets: { thisYear: "This year", lastYear: "Last year", last12Months: "Last 12 months", thisMonth: "This month" },
      hoursByCategory: "Hours by category",
      hoursByRegion: "Hours by region",
      series: "Month by month",
      coverage: "Coverage of the five categories",
      coverageHelp:
        "Each cell: activities held (completed) in the period and hours served in that category. Hours count by service date and include mentoring and activities still running, so a cell may show hours with 0 activities. Blank means not yet covered.",
      ageBands: "Volunteers by age",
      // The chart's title says "by age": the bands alone fit side by side at any width.
      ageBand: "%{band}",
      people: "Volunteers",
      reportPack: "Export report pack",
      reportPackXlsx: "Excel workbook (six sheets)",
      reportPackPrint: "Printable version",
      reportPackTitle: "Volunteer service report",
      hoursUnit: "h",
      activitiesHeldCount: "%{count} activity |||| %{count} activities",
      noData: "No data for this period"
    }
  }
}

/** The full English catalogue: react-admin's own messages and yinfa's. */
export const en = { ...englishMessages, ...yinfaEn }
