namespace ScribeActors.DemoSites.State;

/// <summary>One line of an invoice.</summary>
/// <param name="Description">What was delivered.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">Price per unit.</param>
public sealed record InvoiceLine(string Description, int Quantity, decimal UnitPrice)
{
    /// <summary>Quantity × unit price.</summary>
    public decimal Total => Quantity * UnitPrice;
}
