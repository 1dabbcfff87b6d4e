namespace Contracts;

/// <summary>Implemented by every generated contract type.</summary>
public interface IContract
{
    /// <summary>The build-time description of this contract version.</summary>
    static abstract ContractInfo ContractInfo { get; }
}
