namespace ServiceHall.Grains.Refusals;

/// <summary>
/// Every refusal code ServiceHall answers with: the source of truth the error catalogue
/// (api/Resources/Http/ErrorText.resx, zh, and ErrorText.en.resx) is checked against. A refusal names one of these
/// constants instead of a string literal, so a code without text in both languages, or text without a code, fails
/// the catalogue's guard test (tests/ServiceHall.Api.Tests/ErrorCatalogueTests.cs). A code is stable once shipped:
/// clients and pages key on it. Generic codes (<c>field.*</c>) say only the rule and are read with their field.
/// </summary>
public static class ErrorCodes
{
    public const string FieldRequired = "field.required";
    public const string FieldInvalid = "field.invalid";
    public const string FieldNotText = "field.notText";
    public const string FieldNotFlag = "field.notFlag";
    public const string FieldNotObject = "field.notObject";
    public const string FieldNotArray = "field.notArray";
    public const string FieldOneOf = "field.oneOf";
    public const string FieldAtLeastOne = "field.atLeastOne";
    public const string FieldDateTime = "field.dateTime";
    public const string FieldDate = "field.date";
    public const string FieldTooLong = "field.tooLong";
    public const string FieldUnknown = "field.unknown";
    public const string ActionNotAvailable = "action.notAvailable";
    public const string ActionRoleNotAllowed = "action.roleNotAllowed";
    public const string ActionOutOfScope = "action.outOfScope";
    public const string StepNotFound = "step.notFound";
    public const string StepAmbiguous = "step.ambiguous";
    public const string CaseNotRunning = "case.notRunning";
    public const string CorrectionAnswersMissing = "correction.answersMissing";
    public const string CorrectionUnknownDeficiency = "correction.unknownDeficiency";
    public const string AcceptanceMaterialsMissing = "acceptance.materialsMissing";
    public const string ServiceItemRequired = "serviceItem.required";
    public const string ServiceItemUnknown = "serviceItem.unknown";
    public const string ServiceItemNotAtWindow = "serviceItem.notAtWindow";
    public const string ApplicantNameRequired = "applicant.nameRequired";
    public const string ApplicantIdNumberInvalid = "applicant.idNumberInvalid";
    public const string ApplicantCreditCodeInvalid = "applicant.creditCodeInvalid";
    public const string PhoneInvalid = "phone.invalid";
    public const string MaterialDuplicate = "material.duplicate";
    public const string MaterialELicenceNumberRequired = "material.eLicenceNumberRequired";
    public const string MaterialOnlyELicence = "material.onlyELicence";
    public const string MaterialMissing = "material.missing";
    public const string MaterialMissingOrELicence = "material.missingOrELicence";
    public const string DeliveryAddressRequired = "delivery.addressRequired";
    public const string VerificationRequired = "verification.required";
    public const string VerificationWrong = "verification.wrong";
    public const string VerificationTooManyTries = "verification.tooManyTries";
    public const string VerificationTooManyCodes = "verification.tooManyCodes";
    public const string DepartmentUnknown = "department.unknown";
    public const string ReviewerUnknown = "reviewer.unknown";
    public const string ReviewerOtherDepartment = "reviewer.otherDepartment";
    public const string WindowUnknown = "window.unknown";
    public const string SlotsCutOffRange = "slots.cutOffRange";
    public const string SlotsBookAheadRange = "slots.bookAheadRange";
    public const string SlotsTooManyRules = "slots.tooManyRules";
    public const string SlotsSlotMinutesRange = "slots.slotMinutesRange";
    public const string SlotsRangeTooShort = "slots.rangeTooShort";
    public const string SlotsCapacityRange = "slots.capacityRange";
    public const string SlotsWeekdaysRange = "slots.weekdaysRange";
    public const string SlotsEmptyServiceItem = "slots.emptyServiceItem";
    public const string SlotsOverlap = "slots.overlap";
    public const string AppointmentSlotRequired = "appointment.slotRequired";
    public const string AppointmentFull = "appointment.full";
    public const string AppointmentDuplicate = "appointment.duplicate";
    public const string AppointmentDateOutOfRange = "appointment.dateOutOfRange";
    public const string AppointmentNoSlot = "appointment.noSlot";
    public const string AppointmentSlotNotForItem = "appointment.slotNotForItem";
    public const string AppointmentSlotStarted = "appointment.slotStarted";
    public const string AppointmentNotFound = "appointment.notFound";
    public const string CertificateNotACertificate = "certificate.notACertificate";
    public const string CertificateFileMissing = "certificate.fileMissing";

    // codes-a
    public const string BodyNotUtf8 = "body.notUtf8";
    public const string BodyRequired = "body.required";
    public const string BodyLoneSurrogate = "body.loneSurrogate";
    public const string BodyNotObject = "body.notObject";
    public const string BodyMalformedJson = "body.malformedJson";
    public const string BodyTooLarge = "body.tooLarge";
    public const string BodyTooLargeUnbounded = "body.tooLargeUnbounded";
    public const string FieldWrongType = "field.wrongType";
    public const string FieldRange = "field.range";
    public const string AuthUsernameRequired = "auth.usernameRequired";
    public const string AuthPasswordRequired = "auth.passwordRequired";
    public const string AuthUsernameTooLong = "auth.usernameTooLong";
    public const string AuthThrottled = "auth.throttled";
    public const string AuthBadCredentials = "auth.badCredentials";
    public const string AuthTokenRequired = "auth.tokenRequired";
    public const string AuthTokenInvalid = "auth.tokenInvalid";
    public const string AuthRoleNotAllowed = "auth.roleNotAllowed";
    public const string HallUnknown = "hall.unknown";
    public const string HallBlank = "hall.blank";
    public const string HallNotYours = "hall.notYours";
    public const string StatsRoleNotAllowed = "stats.roleNotAllowed";
    public const string StatsFilterRefused = "stats.filterRefused";
    public const string CaseOutOfScope = "case.outOfScope";
    public const string CaseNotFound = "case.notFound";
    public const string TrackingNotFound = "tracking.notFound";
    public const string ConsultationClerkOnly = "consultation.clerkOnly";
    public const string DocumentUnknownKind = "document.unknownKind";
    public const string DocumentUnknownFormat = "document.unknownFormat";
    public const string DocumentNotAvailable = "document.notAvailable";
    public const string CatalogCodeMismatch = "catalog.codeMismatch";
    public const string CatalogItemCodeFormat = "catalog.itemCodeFormat";
    public const string CatalogTimeLimitRange = "catalog.timeLimitRange";
    public const string CatalogChannelTwice = "catalog.channelTwice";
    public const string CatalogNanshaReviewerMissing = "catalog.nanshaReviewerMissing";
    public const string CatalogMaterialCodeFormat = "catalog.materialCodeFormat";
    public const string CertificateNumberFormat = "certificate.numberFormat";
    public const string CertificateNotFound = "certificate.notFound";
    public const string CertificateCaseHasNone = "certificate.caseHasNone";
    public const string CertificateSigningKeyMissing = "certificate.signingKeyMissing";
    public const string CertificateRegistering = "certificate.registering";
    public const string CertificateNumberOfOtherCase = "certificate.numberOfOtherCase";
    public const string CertificateMalformedUpload = "certificate.malformedUpload";
    public const string CertificateCheckTooLarge = "certificate.checkTooLarge";
    public const string LicenceCountRange = "licence.countRange";
    public const string LicenceNumberFormat = "licence.numberFormat";
    public const string LicenceHolderRequired = "licence.holderRequired";
    public const string LicenceHolderCodeRequired = "licence.holderCodeRequired";
    public const string ServiceStoreUnreachable = "service.storeUnreachable";
    public const string ServiceFailingOver = "service.failingOver";
    // /codes-a
}
