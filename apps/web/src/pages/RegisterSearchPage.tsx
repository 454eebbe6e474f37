import { Alert, Button, Card, Input, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useRegisterSearch } from '../api/registers';
import { RegisterStatsCards } from '../components/registers/RegisterStatsCards';
import { SearchResults } from '../components/registers/SearchResults';
import '../components/registers/registers.css';
import { useI18n } from '../i18n/useI18n';

/** 一标三实: one search box over people, houses, units and addresses, and the area's statistics. */
export default function RegisterSearchPage() {
  const { t, tk, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const search = useRegisterSearch(q);
  // Pages in order; a hit cannot repeat across pages, they are cut from one ranking.
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const kind = search.data?.pages[0]?.query.kind ?? 'text';

  const submit = (value: string) => {
    const text = value.trim();
    setParams(text ? { q: text } : {}, { replace: false });
  };

  return (
    <div data-testid="register-search">
      <div className="reg-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reg.search.title')}
        </Typography.Title>
      </div>
      <Card size="small" className="stack-gap">
        <Input.Search
          key={q}
          className="reg-search-box"
          size="large"
          allowClear
          enterButton={t('common.search')}
          defaultValue={q}
          placeholder={t('reg.search.placeholder')}
          onSearch={submit}
          loading={search.isFetching}
          data-testid="register-search-input"
          autoFocus
        />
        <Typography.Text type="secondary" className="reg-search-hint">
          {t('reg.search.hint')}
        </Typography.Text>
      </Card>
      {q && (
        <div className="stack-gap">
          {search.isPending ? (
            <Spin />
          ) : search.error ? (
            <Alert type="error" showIcon title={search.error.message} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary" data-testid="register-search-summary">
                {t('reg.search.count', { total: items.length })}
                {search.hasNextPage ? pick('，还有更多', ', more to load') : ''} ·{' '}
                {t('reg.search.queryKind', { kind: tk(`reg.queryKind.${kind}`, kind) })}
              </Typography.Text>
              <SearchResults items={items} />
              {search.hasNextPage && (
                <div style={{ textAlign: 'center' }}>
                  <Button
                    onClick={() => search.fetchNextPage()}
                    loading={search.isFetchingNextPage}
                    data-testid="register-search-more"
                  >
                    {pick('加载更多', 'Load more')}
                  </Button>
                </div>
              )}
            </Space>
          )}
        </div>
      )}
      <Typography.Title level={5}>{t('reg.stats.title')}</Typography.Title>
      <RegisterStatsCards />
    </div>
  );
}
