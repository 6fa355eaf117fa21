namespace ScribeActors.DemoSites.State;

/// <summary>Expenses-app operations of the store.</summary>
internal sealed partial class DemoStore
{
    public ExpenseReport? FindReport(string id)
    {
        lock (_gate)
        {
            return _world.Reports.GetValueOrDefault(id);
        }
    }

    /// <summary>The user's report still in <see cref="ExpenseStatus.Draft"/>, if any (a user has at most one).</summary>
    public ExpenseReport? OpenDraft(string username)
    {
        lock (_gate)
        {
            return OpenDraftLocked(username);
        }
    }

    public IReadOnlyList<ExpenseReport> ReportsOf(string username)
    {
        lock (_gate)
        {
            return [.. _world.ReportOrder.Select(id => _world.Reports[id]).Where(r => r.Employee == username).Reverse()];
        }
    }

    /// <summary>Pending reports of everyone except <paramref name="manager"/>, oldest first.</summary>
    public IReadOnlyList<ExpenseReport> PendingFor(string manager)
    {
        lock (_gate)
        {
            return [.. _world.ReportOrder.Select(id => _world.Reports[id]).Where(r => r.Status == ExpenseStatus.Pending && r.Employee != manager)];
        }
    }

    /// <summary>Step 1: creates the user's draft, or updates the open one, and counts the step.</summary>
    public ExpenseReport SaveBasics(SignedInUser user, DateOnly date, string category, decimal amount, string merchant)
    {
        lock (_gate)
        {
            var draft = OpenDraftLocked(user.Username);
            if (draft is null)
            {
                draft = new ExpenseReport
                {
                    Id = $"EXP-{_world.NextReportNumber++}",
                    Employee = user.Username,
                    EmployeeName = user.DisplayName,
                    Date = date,
                    Category = category,
                    Amount = amount,
                    Currency = DemoData.Currency,
                    Merchant = merchant,
                    Status = ExpenseStatus.Draft,
                };
                _world.ReportOrder.Add(draft.Id);
            }
            else
            {
                draft = draft with { Date = date, Category = category, Amount = amount, Merchant = merchant };
            }

            _world.Reports[draft.Id] = draft;
            _world.Count(FormNames.ExpensesBasics);
            return draft;
        }
    }

    /// <summary>Step 2: saves the details of a draft and counts the step; <see langword="null"/> when the report is not
    /// the user's draft.</summary>
    public ExpenseReport? SaveDetails(string id, string username, string description, bool receipt, string project)
    {
        lock (_gate)
        {
            if (!_world.Reports.TryGetValue(id, out var report) || report.Employee != username || report.Status != ExpenseStatus.Draft)
            {
                return null;
            }

            report = report with { Description = description, ReceiptAttached = receipt, Project = project, DetailsCompleted = true };
            _world.Reports[id] = report;
            _world.Count(FormNames.ExpensesDetails);
            return report;
        }
    }

    /// <summary>Step 3: submits a complete draft for approval and counts it. A report already submitted is returned
    /// unchanged with <c>Changed = false</c> and the repeated POST is counted as refused, so nothing is submitted twice.</summary>
    public (ExpenseReport? Report, bool Changed) Submit(string id, string username)
    {
        lock (_gate)
        {
            if (!_world.Reports.TryGetValue(id, out var report) || report.Employee != username)
            {
                return (null, false);
            }

            if (report.Status != ExpenseStatus.Draft)
            {
                _world.Fail(FormNames.ExpensesReport);
                return (report, false);
            }

            if (!report.DetailsCompleted)
            {
                return (report, false);
            }

            report = report with { Status = ExpenseStatus.Pending };
            _world.Reports[id] = report;
            _world.Count(FormNames.ExpensesReport);
            LogReportSubmitted(id, username);
            return (report, true);
        }
    }

    /// <summary>Approves or rejects a pending report and counts the decision. A report that is not pending is returned
    /// unchanged with <c>Changed = false</c> and the POST is counted as refused.</summary>
    public (ExpenseReport? Report, bool Changed) Decide(string id, ExpenseStatus decision, string manager)
    {
        if (decision is not (ExpenseStatus.Approved or ExpenseStatus.Rejected))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "A decision is Approved or Rejected.");
        }

        lock (_gate)
        {
            if (!_world.Reports.TryGetValue(id, out var report) || report.Employee == manager)
            {
                return (null, false);
            }

            if (report.Status != ExpenseStatus.Pending)
            {
                _world.Fail(decision == ExpenseStatus.Approved ? FormNames.ExpensesApprove : FormNames.ExpensesReject);
                return (report, false);
            }

            report = report with { Status = decision, DecidedBy = manager };
            _world.Reports[id] = report;
            _world.Approvals.Add(new ApprovalDecision(id, decision, manager));
            _world.Count(decision == ExpenseStatus.Approved ? FormNames.ExpensesApprove : FormNames.ExpensesReject);
            LogReportDecided(id, decision, manager);
            return (report, true);
        }
    }

    private ExpenseReport? OpenDraftLocked(string username) =>
        _world.ReportOrder.Select(id => _world.Reports[id]).FirstOrDefault(r => r.Employee == username && r.Status == ExpenseStatus.Draft);
}
