package cn.qeregistry.runs;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/** Test jobs' reader: the numbers 1..count, restartable (its position is kept in the step's execution context). */
public class CountingReader extends AbstractItemCountingItemStreamItemReader<Integer> {

    public CountingReader(int count) {
        setName("numbers");
        setMaxItemCount(count);
    }

    @Override
    protected Integer doRead() {
        return getCurrentItemCount();
    }

    @Override
    protected void doOpen() {
    }

    @Override
    protected void doClose() {
    }
}
