using System;

namespace Contracts.Wolverine.Sagas;

/// <summary>A stored saga's state cannot be read back; the message names the saga type, id and store.</summary>
public sealed class SagaStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SagaStateException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
