import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Tree, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { DepartmentPanel } from './department-panel.js'
import { departmentTree } from './department-tree.js'
import { NewDepartmentDialog } from './new-department-dialog.js'
import { useDepartments, usePlatformUsers } from './org-queries.js'
import { PeopleTable } from './people-table.js'

/** /organisation (platform admin): the department tree with heads and members, and who is active. */
export function OrganisationPage() {
  const { t } = useT()
  const departments = useDepartments()
  const users = usePlatformUsers()
  const [selected, setSelected] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const failed = departments.error ?? users.error
  const list = departments.data ?? []
  const current = list.find((d) => d.key === selected)
  return (
    <div className="page organisation-page">
      <Typography.Title level={2}>{t('org.title')}</Typography.Title>
      {failed && <Alert type="error" title={t('common.loadFailed', { message: failed.message })} />}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card
            title={t('org.departments')}
            extra={
              <Button
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="org-new-department"
              >
                {t('org.newDepartment')}
              </Button>
            }
          >
            {departments.isPending && <Skeleton active />}
            {departments.data && list.length === 0 && <Empty description={t('org.noDepartments')} />}
            {list.length > 0 && (
              <Tree
                data-testid="org-tree"
                blockNode
                defaultExpandAll
                key={list.length}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] === undefined ? null : String(keys[0]))}
                treeData={departmentTree(list, users.data ?? [])}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card>
            {current ? (
              <DepartmentPanel
                key={current.key}
                department={current}
                departments={list}
                users={users.data ?? []}
                onDeleted={() => setSelected(null)}
              />
            ) : (
              <Empty description={t('org.pickDepartment')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('org.people')} style={{ marginTop: 16 }}>
        <PeopleTable users={users.data ?? []} departments={list} loading={users.isPending} />
      </Card>
      {creating && (
        <NewDepartmentDialog
          departments={list}
          users={users.data ?? []}
          parent={selected}
          onClose={(created) => {
            setCreating(false)
            if (created) setSelected(created)
          }}
        />
      )}
    </div>
  )
}
