package io.spindle.examples;

import io.spindle.api.DataStream;
import io.spindle.api.ParameterTool;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.KeyedProcessFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.state.MapState;
import io.spindle.api.state.MapStateDescriptor;
import io.spindle.api.state.ValueState;
import io.spindle.api.state.ValueStateDescriptor;
import io.spindle.api.tuple.Tuple2;

/**
 * Keyed state: flags an account whose transaction is more than ten times its running average,
 * keeping per account a running total and count ({@link ValueState}) and the number of
 * transactions per merchant ({@link MapState}). Input: {@code --transactions N} generated
 * deterministic transactions {@code (account, amount)}; prints one alert line per suspicious one.
 * Above parallelism 1 the source instances interleave an account's transactions in any order,
 * so which ones count as outliers may differ between runs; {@code --parallelism 1} is repeatable.
 */
public final class KeyedStateExample {
    private KeyedStateExample() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.setParallelism(params.getInt("parallelism", 2));
        long transactions = params.getLong("transactions", 10_000);
        DataStream<Long> ids = env.fromSequence(0, transactions - 1);
        ids.map(KeyedStateExample::transaction)
                .keyBy(transaction -> transaction.account())
                .process(new LargeTransactionDetector())
                .print();
        env.execute("Keyed state: large transactions");
    }

    /** One payment from an account to a merchant. */
    public record Transaction(String account, String merchant, long amountCents) {}

    /** Deterministic transactions: 20 accounts, 5 merchants, every 97th amount far above the rest. */
    static Transaction transaction(Long id) {
        long amount = 100 + (id * 37) % 900;
        if (id % 97 == 96) {
            amount *= 50;
        }
        return new Transaction("account-" + (id % 20), "merchant-" + (id % 5), amount);
    }

    /** Alerts on a transaction above ten times the account's running average so far. */
    public static final class LargeTransactionDetector extends KeyedProcessFunction<String, Transaction, String> {
        private transient ValueState<Tuple2<Long, Long>> totalAndCount;
        private transient MapState<String, Long> perMerchant;

        @Override
        @SuppressWarnings("unchecked")
        public void open(RuntimeContext context) {
            totalAndCount = context.getState(new ValueStateDescriptor<>("total-and-count", (Class<Tuple2<Long, Long>>) (Class<?>) Tuple2.class));
            perMerchant = context.getMapState(new MapStateDescriptor<>("per-merchant", String.class, Long.class));
        }

        @Override
        public void processElement(Transaction transaction, Context<String> ctx, Collector<String> out) {
            Tuple2<Long, Long> current = totalAndCount.value();
            if (current != null && transaction.amountCents() * current.f1 > 10 * current.f0) {
                Long merchantCount = perMerchant.get(transaction.merchant());
                out.collect("ALERT " + transaction.account() + " paid " + transaction.amountCents() + " cents to "
                        + transaction.merchant() + " (average " + current.f0 / current.f1 + ", "
                        + (merchantCount == null ? 0 : merchantCount) + " earlier payments to that merchant)");
            }
            long total = (current == null ? 0 : current.f0) + transaction.amountCents();
            long count = (current == null ? 0 : current.f1) + 1;
            totalAndCount.update(Tuple2.of(total, count));
            Long merchantCount = perMerchant.get(transaction.merchant());
            perMerchant.put(transaction.merchant(), merchantCount == null ? 1 : merchantCount + 1);
        }
    }
}
