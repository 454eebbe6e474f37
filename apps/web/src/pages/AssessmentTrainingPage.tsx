import { label } from '@wangge/rules';
import { Button, Card, Col, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type TrainingCourseDetail,
  type TrainingHours,
  useCourse,
  useCourses,
  useTrainingHours,
} from '../api/careers';
import type { TrainingCourse } from '../api/generated';
import { AttendanceModal, CourseModal, SessionModal } from '../components/careers/TrainingEditors';
import { useI18n } from '../i18n/useI18n';

type HoursRow = TrainingHours['items'][number];
type AttendanceRow = TrainingCourseDetail['sessions'][number]['attendance'][number] & {
  startsAt: string;
  place: string;
};
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

/** 网格学院: courses with hours and materials, a course's sessions and attendance, hours per worker. */
export default function AssessmentTrainingPage() {
  const { t, lang } = useI18n();
  const courses = useCourses();
  const [courseId, setCourseId] = useState<string | null>(null);
  const selected = courseId ?? courses.data?.items[0]?.id ?? null;
  const course = useCourse(selected);
  const [year, setYear] = useState(thisYear());
  const hours = useTrainingHours(year);
  const [editing, setEditing] = useState<'course' | 'session' | 'attendance' | null>(null);
  const mayManage = courses.data?.mayManage ?? false;
  const attendance: AttendanceRow[] = (course.data?.sessions ?? []).flatMap((s) =>
    s.attendance.map((a) => ({ ...a, startsAt: s.startsAt, place: s.place })),
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="training-page">
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            title={t('training.courses')}
            size="small"
            data-testid="training-courses"
            extra={
              mayManage && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setEditing('course')}
                  data-testid="course-new"
                >
                  {t('training.newCourse')}
                </Button>
              )
            }
          >
            <Table<TrainingCourse>
              size="small"
              rowKey="id"
              loading={courses.isLoading}
              dataSource={courses.data?.items ?? []}
              pagination={{ pageSize: 12 }}
              onRow={(c) => ({ onClick: () => setCourseId(c.id), style: { cursor: 'pointer' } })}
              rowClassName={(c) => (c.id === selected ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('training.course'), dataIndex: 'title' },
                {
                  title: t('training.kind'),
                  render: (_, c) => (
                    <Tag color={c.kind === 'online' ? 'cyan' : 'purple'}>
                      {label('trainingKind', c.kind, lang)}
                    </Tag>
                  ),
                },
                { title: t('training.hours'), dataIndex: 'hours', align: 'right' },
                { title: t('training.sessions'), dataIndex: 'sessions', align: 'right' },
                { title: t('training.attendees'), dataIndex: 'attendees', align: 'right' },
                {
                  title: t('training.materials'),
                  render: (_, c) =>
                    c.materials.length
                      ? c.materials.map((m) => (
                          <a key={m.id} href={m.url} target="_blank" rel="noreferrer">
                            {m.name}{' '}
                          </a>
                        ))
                      : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={`${t('training.attendance')}${course.data ? ` · ${course.data.course.title}` : ''}`}
            size="small"
            data-testid="training-attendance"
            extra={
              mayManage &&
              course.data && (
                <Space size="small">
                  <Button size="small" onClick={() => setEditing('session')} data-testid="session-new">
                    {t('training.addSession')}
                  </Button>
                  <Button
                    size="small"
                    disabled={course.data.sessions.length === 0}
                    onClick={() => setEditing('attendance')}
                    data-testid="attendance-edit"
                  >
                    {t('training.markAttendance')}
                  </Button>
                </Space>
              )
            }
          >
            {course.data?.course.description && (
              <Typography.Paragraph type="secondary">{course.data.course.description}</Typography.Paragraph>
            )}
            <Table<AttendanceRow>
              size="small"
              rowKey={(a) => `${a.startsAt}-${a.userId}`}
              loading={course.isLoading}
              dataSource={attendance}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('careers.worker'), dataIndex: 'name' },
                { title: t('training.startsAt'), render: (_, a) => when(a.startsAt) },
                {
                  title: t('training.attended'),
                  render: (_, a) =>
                    a.attended ? (
                      <Tag color="green">{t('training.attended')}</Tag>
                    ) : (
                      <Tag>{t('training.absent')}</Tag>
                    ),
                },
                {
                  title: t('training.quizScore'),
                  align: 'right',
                  render: (_, a) =>
                    a.quizScore === null
                      ? '—'
                      : `${a.quizScore}${a.passed ? ' ✓' : a.passed === false ? ' ✗' : ''}`,
                },
                {
                  title: t('training.certificate'),
                  render: (_, a) =>
                    a.certificateNo ? `${a.certificateNo}（${a.certificateIssuedOn}）` : '—',
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('training.perWorker')}
        size="small"
        data-testid="training-hours"
        extra={
          <InputNumber
            size="small"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonBefore={t('careers.year')}
          />
        }
      >
        <Table<HoursRow>
          size="small"
          rowKey={(r) => r.worker.id}
          loading={hours.isLoading}
          dataSource={hours.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('careers.worker'), render: (_, r) => r.worker.name },
            { title: t('careers.grid'), render: (_, r) => r.worker.unitName },
            {
              title: t('training.count'),
              dataIndex: 'count',
              align: 'right',
              sorter: (a, b) => a.count - b.count,
            },
            {
              title: t('training.hours'),
              dataIndex: 'hours',
              align: 'right',
              sorter: (a, b) => a.hours - b.hours,
            },
            { title: t('training.passedCount'), dataIndex: 'passed', align: 'right' },
            { title: t('training.certificates'), dataIndex: 'certificates', align: 'right' },
          ]}
        />
      </Card>
      {editing === 'course' && (
        <CourseModal
          onClose={() => setEditing(null)}
          onCreated={(c) => {
            setCourseId(c.id);
            setEditing(null);
          }}
        />
      )}
      {editing === 'session' && course.data && (
        <SessionModal course={course.data.course} onClose={() => setEditing(null)} />
      )}
      {editing === 'attendance' && course.data && (
        <AttendanceModal
          detail={course.data}
          workers={(hours.data?.items ?? []).map((r) => r.worker)}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
