namespace ScribeActors.DemoSites.State;

/// <summary>Supplier-portal operations of the store.</summary>
internal sealed partial class DemoStore
{
    public Invoice? FindInvoice(string number)
    {
        lock (_gate)
        {
            return _world.Invoices.GetValueOrDefault(number);
        }
    }

    /// <summary>Filters invoices by <paramref name="query"/> (number or vendor, case-insensitive substring) and
    /// <paramref name="status"/> (a status filter value or empty), and returns page <paramref name="page"/>.
    /// A request with a query or a filter is recorded as a search.</summary>
    public InvoicePage SearchInvoices(string username, string query, string status, int page)
    {
        lock (_gate)
        {
            var matches = _world.InvoiceOrder.Select(n => _world.Invoices[n])
                .Where(i => query.Length == 0
                    || i.Number.Contains(query, StringComparison.OrdinalIgnoreCase)
                    || i.Vendor.Contains(query, StringComparison.OrdinalIgnoreCase))
                .Where(i => status.Length == 0 || string.Equals(i.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var pageCount = Math.Max(1, (matches.Count + InvoicePage.PageSize - 1) / InvoicePage.PageSize);
            var shown = Math.Clamp(page, 1, pageCount);
            if (query.Length > 0 || status.Length > 0)
            {
                _world.Searches.Add(new InvoiceSearch(username, query, status, shown, matches.Count));
            }

            var items = matches.Skip((shown - 1) * InvoicePage.PageSize).Take(InvoicePage.PageSize).ToList();
            return new InvoicePage(items, matches.Count, shown, pageCount);
        }
    }

    /// <summary>Counts a PDF download; <see langword="null"/> when the invoice does not exist.</summary>
    public Invoice? RecordDownload(string number, string username)
    {
        lock (_gate)
        {
            if (!_world.Invoices.TryGetValue(number, out var invoice))
            {
                return null;
            }

            _world.Downloads.Add(new InvoiceDownload(invoice.Number, username));
            return invoice;
        }
    }

    public InvoiceDispute? FindDisputeForInvoice(string invoiceNumber)
    {
        lock (_gate)
        {
            return _world.Disputes.FirstOrDefault(d => string.Equals(d.InvoiceNumber, invoiceNumber, StringComparison.OrdinalIgnoreCase));
        }
    }

    public InvoiceDispute? FindDispute(string reference)
    {
        lock (_gate)
        {
            return _world.Disputes.FirstOrDefault(d => string.Equals(d.Reference, reference, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<InvoiceDispute> DisputesBy(string username)
    {
        lock (_gate)
        {
            return [.. _world.Disputes.Where(d => d.SubmittedBy == username)];
        }
    }

    /// <summary>Files a dispute, marks the invoice disputed and counts the submission, all at once. An invoice holds at
    /// most one dispute: when it already has one, that one is returned, nothing changes, and the POST is counted as refused.</summary>
    public (InvoiceDispute Dispute, bool Created) FileDispute(string invoiceNumber, string reasonCode, decimal amount, string description, string username)
    {
        lock (_gate)
        {
            var invoice = _world.Invoices[invoiceNumber];
            var existing = _world.Disputes.FirstOrDefault(d => d.InvoiceNumber == invoice.Number);
            if (existing is not null)
            {
                _world.Fail(FormNames.SupplierDispute);
                return (existing, false);
            }

            var dispute = new InvoiceDispute
            {
                Reference = $"DSP-{_world.NextDisputeNumber++}",
                InvoiceNumber = invoice.Number,
                ReasonCode = reasonCode,
                Reason = DemoCatalogs.LabelOf(DemoCatalogs.DisputeReasons, reasonCode) ?? reasonCode,
                Amount = amount,
                Description = description,
                SubmittedBy = username,
            };
            _world.Disputes.Add(dispute);
            _world.Invoices[invoice.Number] = invoice with { Status = InvoiceStatus.Disputed };
            _world.Count(FormNames.SupplierDispute);
            LogDisputeFiled(dispute.Reference, invoice.Number);
            return (dispute, true);
        }
    }

    public void AddSupportMessage(string username, string text)
    {
        lock (_gate)
        {
            _world.SupportMessages.Add(new SupportMessage(username, text));
            _world.Count(FormNames.SupplierSupport);
        }
    }

    public IReadOnlyList<SupportMessage> SupportMessagesOf(string username)
    {
        lock (_gate)
        {
            return [.. _world.SupportMessages.Where(m => m.Username == username)];
        }
    }
}
