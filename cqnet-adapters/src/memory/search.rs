//! The in-memory [`CourseSearch`]: every record read, filtered and sorted, under the store's
//! mutex. It is the reference the SQL back ends answer alike.

use std::collections::HashMap;

use cqnet_store::StoreResult;
use cqnet_store::search::{
    CourseFilter, CourseHit, CourseQuery, CourseSearch, CourseStatus, InstitutionFilter,
    InstitutionQuery, Page, QualificationFilter, QualificationQuery, Query, SearchFilter,
};
use cqnet_store::training::{CourseId, DesignationStatus, Institution, Qualification};

use super::MemoryStore;

impl CourseSearch for MemoryStore {
    fn search_qualifications(
        &self,
        query: &QualificationQuery,
    ) -> StoreResult<Page<Qualification>> {
        let state = self.lock()?;
        let found = state
            .qualifications
            .values()
            .map(|v| &v.value)
            .filter(|q| qualification_matches(query.filter(), q))
            .cloned();
        Ok(page_of(query, found))
    }

    fn search_institutions(&self, query: &InstitutionQuery) -> StoreResult<Page<Institution>> {
        let state = self.lock()?;
        let found = state
            .institutions
            .values()
            .map(|v| &v.value)
            .filter(|i| institution_matches(query.filter(), i))
            .cloned();
        Ok(page_of(query, found))
    }

    fn search_courses(&self, query: &CourseQuery) -> StoreResult<Page<CourseHit>> {
        let state = self.lock()?;
        let mut enrolled: HashMap<CourseId, u64> = HashMap::new();
        for e in state.enrollments.values() {
            *enrolled.entry(e.value.course()).or_default() += 1;
        }
        let filter = query.filter();
        let mut hits = Vec::new();
        for course in state.courses.values().map(|v| &v.value) {
            let spec = course.spec();
            if spec.designation.status() != DesignationStatus::Designated {
                continue;
            }
            // A course always has its institution and qualification (the commands check both).
            let (Some(institution), Some(qualification)) = (
                state.institutions.get(&spec.institution),
                state.qualifications.get(&spec.qualification),
            ) else {
                continue;
            };
            let (institution, qualification) = (&institution.value, &qualification.value);
            let taken = enrolled.get(&spec.id).copied().unwrap_or(0);
            let seats_left = u64::from(spec.capacity).saturating_sub(taken) as u32;
            let status = CourseStatus::of(spec.start, spec.end, filter.today);
            let hit = CourseHit {
                course: course.clone(),
                qualification_name: qualification.name().to_owned(),
                institution_name: institution.name().to_owned(),
                seats_left,
                status,
            };
            if course_matches(filter, &hit, qualification, institution) {
                hits.push(hit);
            }
        }
        Ok(page_of(query, hits.into_iter()))
    }
}

/// The page of `query` among `found`: those after the previous page, in order.
fn page_of<F: SearchFilter>(
    query: &Query<F>,
    found: impl Iterator<Item = F::Item>,
) -> Page<F::Item> {
    let mut ordered: Vec<_> = found
        .map(|item| (F::position(query.sort(), &item), item))
        .filter(|(position, _)| query.is_after_previous_page(position))
        .collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    let wanted = query.page_size().get() as usize + 1;
    Page::of_ordered(
        query,
        ordered
            .into_iter()
            .take(wanted)
            .map(|(_, item)| item)
            .collect(),
    )
}

fn qualification_matches(filter: &QualificationFilter, q: &Qualification) -> bool {
    filter.name.as_ref().is_none_or(|t| t.matches(q.name()))
        && filter.level.is_none_or(|l| l == q.level())
        && filter
            .field
            .as_ref()
            .is_none_or(|f| f.as_str() == q.field())
        && filter
            .ncs_class
            .as_ref()
            .is_none_or(|c| q.ncs_class().is_some_and(|own| c.contains(own)))
        && filter.track.is_none_or(|t| t == q.track())
}

fn institution_matches(filter: &InstitutionFilter, i: &Institution) -> bool {
    filter.name.as_ref().is_none_or(|t| t.matches(i.name()))
        && type_matches(&filter.types, i)
        && filter
            .region
            .as_ref()
            .is_none_or(|r| i.region().is_some_and(|own| r.covers(own)))
}

fn type_matches(types: &[cqnet_core::InstitutionType], i: &Institution) -> bool {
    types.is_empty() || i.institution_type().is_some_and(|t| types.contains(&t))
}

fn course_matches(
    filter: &CourseFilter,
    hit: &CourseHit,
    qualification: &Qualification,
    institution: &Institution,
) -> bool {
    let spec = hit.course.spec();
    filter
        .qualification
        .as_ref()
        .is_none_or(|q| q == &spec.qualification)
        && filter.level.is_none_or(|l| l == qualification.level())
        && filter
            .region
            .as_ref()
            .is_none_or(|r| institution.region().is_some_and(|own| r.covers(own)))
        && type_matches(&filter.institution_types, institution)
        && filter.track.is_none_or(|t| t == spec.track)
        && filter.starts.is_none_or(|d| d.contains(spec.start))
        && filter.status.is_none_or(|s| s == hit.status)
        && filter.min_seats_left.is_none_or(|n| hit.seats_left >= n)
        && filter
            .text
            .as_ref()
            .is_none_or(|t| t.matches(&hit.qualification_name) || t.matches(&hit.institution_name))
}
