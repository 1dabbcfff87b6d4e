using System;
using System.Buffers;
using Contracts.Avro;
using Contracts.Exceptions;

namespace Contracts.Abstractions.Tests;

public class ContractInfoTests
{
    /// <summary>Shaped like a generated contract type.</summary>
    private sealed record OrderShipped(string OrderId) : IContract
    {
        public static ContractInfo ContractInfo { get; } = new(
            "shop.orders.OrderShipped",
            2,
            ContractKind.Event,
            typeof(OrderShipped),
            0x1234_5678_9ABC_DEF0,
            new string('a', 64),
            """{"type":"record","name":"OrderShipped","namespace":"shop.orders","fields":[{"name":"orderId","type":"string"}]}""",
            partitionKeyField: "orderId",
            idempotencyKeyField: "orderId");
    }

    /// <summary>Shaped like a generated codec.</summary>
    private sealed class OrderShippedCodec : IAvroCodec<OrderShipped>
    {
        public void Write(ref AvroWriter writer, OrderShipped value) => writer.WriteString(value.OrderId);

        public OrderShipped Read(ref AvroReader reader) => new(reader.ReadString());
    }

    private static ContractInfo InfoOf<T>()
        where T : IContract => T.ContractInfo;

    [Fact]
    public void generated_types_expose_their_contract_info_statically()
    {
        ContractInfo info = InfoOf<OrderShipped>();
        Assert.Equal("shop.orders.OrderShipped", info.Subject);
        Assert.Equal(2, info.Version);
        Assert.Equal(ContractKind.Event, info.Kind);
        Assert.Equal(typeof(OrderShipped), info.ClrType);
        Assert.Equal(0x1234_5678_9ABC_DEF0ul, info.Fingerprint);
        Assert.Equal("orderId", info.PartitionKeyField);
        Assert.Equal("orderId", info.IdempotencyKeyField);
        Assert.Equal("shop.orders.OrderShipped v2 (Event, 123456789abcdef0)", info.ToString());
    }

    [Fact]
    public void contract_info_rejects_an_empty_subject_or_a_version_below_one()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ContractInfo("", 1, ContractKind.Command, typeof(string), 0, "", "{}"));
        Assert.ThrowsAny<ArgumentException>(() => new ContractInfo("s", 0, ContractKind.Command, typeof(string), 0, "", "{}"));
    }

    [Fact]
    public void codec_interface_encodes_to_a_buffer_writer_and_decodes_whole_messages()
    {
        IAvroCodec<OrderShipped> codec = new OrderShippedCodec();
        var output = new ArrayBufferWriter<byte>();
        codec.Write(output, new OrderShipped("o-1"));
        Assert.Equal(new byte[] { 6, (byte)'o', (byte)'-', (byte)'1' }, output.WrittenSpan.ToArray());
        Assert.Equal(new OrderShipped("o-1"), codec.Read(output.WrittenSpan));

        byte[] trailing = [.. output.WrittenSpan, 0];
        Assert.Equal(4, Assert.Throws<AvroDecodeException>(() => codec.Read(trailing)).Offset);
        Assert.Throws<AvroDecodeException>(() => codec.Read(output.WrittenSpan, new DecodeLimits { MaxStringBytes = 2 }));
    }

    [Fact]
    public void decode_limits_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodeLimits { MaxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodeLimits { MaxCollectionItems = -1 });
        Assert.Equal(64, DecodeLimits.Default.MaxDepth);
    }
}
