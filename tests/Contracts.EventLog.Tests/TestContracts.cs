using System.Linq;
using Bank.Contracts;

namespace Contracts.EventLog.Tests;

/// <summary>
/// The test contracts' catalog, with bank.AccountCredited v1 and v2 upcast to v3 by hand (the generator does not
/// emit upcasters yet), as UseContracts will register it.
/// </summary>
public static class TestContracts
{
    public static ContractCatalog Catalog { get; } = new(
        ContractRegistry.All
            .Where(r => !(r.Info.Subject == "bank.AccountCredited" && r.Info.Version < 3))
            .Concat(new[]
            {
                ContractRegistration.Create<AccountCreditedV1, AccountCredited>(AccountCreditedV1AvroCodec.Instance, AccountCreditedV1JsonCodec.Instance,
                    v => new AccountCredited { AccountId = v.AccountId, Amount = v.Amount, Currency = "EUR", Note = null }),
                ContractRegistration.Create<AccountCreditedV2, AccountCredited>(AccountCreditedV2AvroCodec.Instance, AccountCreditedV2JsonCodec.Instance,
                    v => new AccountCredited { AccountId = v.AccountId, Amount = v.Amount, Currency = v.Currency, Note = null }),
            }));
}
